import { methodId } from './call-graph.js';
import { pathText, type CodeFlow } from './reach.js';
import { ATOMIC, CONTAINER, heldWeakly, madeFromKey, memoOfDerived, MUTATORS, STARTUP_FILL } from './static-state.js';
import { rawType } from './syntax.js';
import { validatesReads } from './validated-cache.js';
import { resolveTypeName, typeHierarchy, type ProjectIndex } from './type-index.js';
import type { JavaFacts, JavaField, JavaTypeDecl } from '../types.js';

export interface InstanceState {
  field: JavaField;
  how: string; // `PageServlet.doPost → PageManager.lock → locks.put()`
}

// Objects a framework makes once and shares between every request: servlets, filters, Struts 1 actions, Spring
// beans. (Struts 2 and WebWork actions, forms and tag handlers are made per request: not these.)
const SHARED_BY_SUPERTYPE =
  /^(HttpServlet|GenericServlet|Filter|GenericFilterBean|OncePerRequestFilter|Action|DispatchAction|LookupDispatchAction|MappingDispatchAction|Controller|AbstractController|MultiActionController|SimpleFormController|HandlerInterceptor|HandlerInterceptorAdapter|Realm|AuthorizingRealm|SessionDAO|AbstractSessionDAO|CachingSessionDAO|EnterpriseCacheSessionDAO)$/;
const PER_REQUEST =
  /^(ActionSupport|ActionForm|ValidatorForm|DynaActionForm|TagSupport|BodyTagSupport|SimpleTagSupport)$/;
const SHARED_BY_ANNOTATION = /^(Component|Service|Repository|Controller|RestController|Singleton|ApplicationScoped)$/;
// What a class that is made once and kept is usually called.
const SHARED_BY_NAME =
  /(Manager|Engine|Monitor|Registry|Repository|Service|Database|Provider|Cache|Dispatcher)(Impl)?$/;

const simple = (n: string) => n.slice(n.lastIndexOf('.') + 1);

/** Why instances of the type live as long as the application: one object serves every request. */
function sharedInstance(decl: JavaTypeDecl, file: JavaFacts, index: ProjectIndex): boolean {
  const supers = typeHierarchy(decl.qualifiedName, index).slice(1).map(simple);
  if (supers.some((s) => PER_REQUEST.test(s))) return false;
  return (
    supers.some((s) => SHARED_BY_SUPERTYPE.test(s)) ||
    decl.annotations.some((a) => SHARED_BY_ANNOTATION.test(simple(a))) ||
    file.fields.some((f) => f.isStatic && f.owner === decl.name && simple(rawType(f.type)) === decl.name) ||
    SHARED_BY_NAME.test(decl.name)
  );
}

const refersTo = (expr: string | undefined, f: JavaField) => expr === f.name || expr === `this.${f.name}`;

// Taking the oldest entry out of a collection: what a worker does with a queue.
const TAKE = /^(poll|pollFirst|take|removeFirst|drainTo)$/;
// Starting the collection over in a method that empties it (`resetHits() { queue = new ArrayList<>(); }`).
const RESET_METHOD = /^(reset|flush|drain)\w*$/;

/**
 * A queue that requests fill and the object's own worker empties (`updates.add(page)` here, `updates.remove(0)` in
 * the updater thread): a buffer of work on its way to a store, not data the instance serves from.
 */
function drainedQueue(file: JavaFacts, field: JavaField): boolean {
  const ofField = (expr: string | undefined) => refersTo(expr, field) || !!expr?.endsWith(`.${field.name}`);
  return (
    file.calls.some(
      (c) => ofField(c.receiver) && (TAKE.test(c.name) || (c.name === 'remove' && c.args[0]?.trim() === '0')),
    ) || file.writes.some((w) => ofField(w.target) && RESET_METHOD.test(w.enclosingMethod ?? ''))
  );
}

const CACHE_TYPE = /Cach(e|ing)/;

/** Whether a class has a field holding a cache (its type's simple name says so). */
const holdsCache = (file: JavaFacts, owner: string) =>
  file.fields.some((x) => x.owner === owner && !x.isStatic && CACHE_TYPE.test(simple(rawType(x.type))));

/** Whether a field's type is a project cache whose reads are checked against the time the data last changed. */
function validatedCacheType(type: string, file: JavaFacts, index: ProjectIndex): boolean {
  return resolveTypeName(type, file, index).some((q) => {
    const entry = index.byQualified.get(q);
    return !!entry && validatesReads(entry.decl);
  });
}

/**
 * Instance fields of objects that serve every request (a servlet, a Spring bean, a singleton manager) holding a
 * collection or counter that code reached from a request-time entry point changes: each instance of the app keeps
 * its own. Only a write the call graph reaches from a request counts, never one at start-up or of unknown reach.
 */
export function instanceState(file: JavaFacts, flow: CodeFlow, index: ProjectIndex): InstanceState[] {
  const out: InstanceState[] = [];
  for (const decl of file.types) {
    if (decl.kind !== 'class' || !sharedInstance(decl, file, index) || validatesReads(decl)) continue;
    for (const field of file.fields) {
      if (field.isStatic || field.owner !== decl.name) continue;
      const type = simple(rawType(field.type));
      if (!(CONTAINER.test(type) || ATOMIC.test(type)) || memoOfDerived(field.type) || heldWeakly(field)) continue;
      if (validatedCacheType(type, file, index)) continue;
      // counters and flags of an object that holds a cache (`CachingManager cachingManager`) are the cache's
      // bookkeeping: the cache is the state to move, reported where it is made
      if (ATOMIC.test(type) && holdsCache(file, decl.name)) continue;
      if (CONTAINER.test(type) && drainedQueue(file, field)) continue;
      for (const call of file.calls) {
        if (call.enclosingType !== decl.name || !MUTATORS.has(call.name) || !refersTo(call.receiver, field)) continue;
        if (madeFromKey(file, call)) continue;
        const method = call.enclosingMethod ?? '';
        if (method.startsWith('<') || STARTUP_FILL.test(method)) continue;
        const path = flow.reach.requestPath(methodId(decl.qualifiedName, method));
        if (!path) continue;
        out.push({ field, how: `${pathText(path)} → ${field.name}.${call.name}()` });
        break;
      }
    }
  }
  return out;
}
