import { methodId, type MethodId } from './call-graph.js';
import { typeHierarchy, type ProjectIndex } from './type-index.js';
import type { JavaTypeDecl, ProjectFacts } from '../types.js';

/** When a method runs: while serving requests (or a scheduled job), or while the application starts or stops. */
export type Phase = 'request' | 'startup';

const ALL = '*';
const SERVLET = ['service', 'doGet', 'doPost', 'doPut', 'doDelete', 'doHead', 'doOptions', 'doTrace', 'doPatch'];
const LISTENER = [
  'sessionCreated',
  'sessionDestroyed',
  'sessionIdChanged',
  'attributeAdded',
  'attributeRemoved',
  'attributeReplaced',
  'valueBound',
  'valueUnbound',
  'sessionWillPassivate',
  'sessionDidActivate',
  'requestInitialized',
  'requestDestroyed',
];

/** Library super types (simple names) whose subclasses' methods the container or framework calls per request. */
const REQUEST_BY_SUPERTYPE: Record<string, string[]> = {
  ...Object.fromEntries(['HttpServlet', 'GenericServlet', 'Servlet', 'HttpJspBase'].map((t) => [t, SERVLET])),
  ...Object.fromEntries(
    ['Filter', 'GenericFilterBean', 'OncePerRequestFilter'].map((t) => [t, ['doFilter', 'doFilterInternal']]),
  ),
  ...Object.fromEntries(
    [
      'HttpSessionListener',
      'HttpSessionAttributeListener',
      'HttpSessionBindingListener',
      'HttpSessionActivationListener',
      'HttpSessionIdListener',
      'ServletRequestListener',
      'ServletRequestAttributeListener',
    ].map((t) => [t, LISTENER]),
  ),
  ...Object.fromEntries(
    [
      // Struts 1, Struts 2 and WebWork actions, forms and interceptors
      'Action',
      'DispatchAction',
      'LookupDispatchAction',
      'MappingDispatchAction',
      'EventDispatchAction',
      'DownloadAction',
      'ActionForm',
      'ValidatorForm',
      'ValidatorActionForm',
      'DynaActionForm',
      'RequestProcessor',
      'TilesRequestProcessor',
      'ActionSupport',
      'Interceptor',
      'AbstractInterceptor',
      'MethodFilterInterceptor',
      // Spring MVC controllers, interceptors and resolvers
      'Controller',
      'AbstractController',
      'MultiActionController',
      'SimpleFormController',
      'AbstractFormController',
      'AbstractCommandController',
      'BaseCommandController',
      'AbstractWizardFormController',
      'HandlerInterceptor',
      'HandlerInterceptorAdapter',
      'AsyncHandlerInterceptor',
      'WebRequestInterceptor',
      'HandlerMethodArgumentResolver',
      'HandlerExceptionResolver',
      // Spring Security and Shiro, which run on each request or login
      'UserDetailsService',
      'AuthenticationProvider',
      'AuthenticationSuccessHandler',
      'AuthenticationFailureHandler',
      'LogoutSuccessHandler',
      'AccessDeniedHandler',
      'AbstractAuthenticationProcessingFilter',
      'AccessControlFilter',
      'AuthorizationFilter',
      'AuthenticationFilter',
      'AuthenticatingFilter',
      'FormAuthenticationFilter',
      'UserFilter',
      'LogoutFilter',
      'PathMatchingFilter',
      'AdviceFilter',
      'Realm',
      'AuthorizingRealm',
      'AuthenticatingRealm',
      'SessionDAO',
      'AbstractSessionDAO',
      'CachingSessionDAO',
      'EnterpriseCacheSessionDAO',
      // JSP tags
      'Tag',
      'BodyTag',
      'IterationTag',
      'SimpleTag',
      'TagSupport',
      'BodyTagSupport',
      'SimpleTagSupport',
    ].map((t) => [t, [ALL]]),
  ),
  // scheduled work runs again and again while the application serves
  Job: ['execute'],
  StatefulJob: ['execute'],
  InterruptableJob: ['execute'],
  QuartzJobBean: ['executeInternal'],
  TimerTask: ['run'],
};

const STARTUP_BY_SUPERTYPE: Record<string, string[]> = {
  ServletContextListener: ['contextInitialized', 'contextDestroyed'],
  ...Object.fromEntries(
    ['HttpServlet', 'GenericServlet', 'Servlet', 'Filter', 'GenericFilterBean', 'ActionServlet'].map((t) => [
      t,
      ['init', 'destroy', 'initFilterBean'],
    ]),
  ),
  PlugIn: ['init', 'destroy'],
  InitializingBean: ['afterPropertiesSet'],
  DisposableBean: ['destroy'],
  ApplicationContextAware: ['setApplicationContext'],
  ServletContextAware: ['setServletContext'],
  BeanFactoryPostProcessor: ['postProcessBeanFactory'],
  BeanPostProcessor: ['postProcessBeforeInitialization', 'postProcessAfterInitialization'],
  ApplicationRunner: ['run'],
  CommandLineRunner: ['run'],
  Lifecycle: ['start', 'stop'],
  SmartLifecycle: ['start', 'stop'],
  FactoryBean: ['getObject'],
};

const REQUEST_METHOD_ANNOTATIONS = new Set([
  'RequestMapping',
  'GetMapping',
  'PostMapping',
  'PutMapping',
  'DeleteMapping',
  'PatchMapping',
  'ExceptionHandler',
  'ModelAttribute',
  'InitBinder',
  'Scheduled',
  'MessageMapping',
  'JmsListener',
  'RabbitListener',
  'KafkaListener',
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'HEAD',
  'PATCH',
  'OPTIONS',
  'Path',
  'WebMethod',
]);
const REQUEST_TYPE_ANNOTATIONS = new Set([
  'Controller',
  'RestController',
  'ControllerAdvice',
  'RestControllerAdvice',
  'Path',
  'WebService',
  'WebServlet',
  'WebFilter',
]);
const STARTUP_METHOD_ANNOTATIONS = new Set(['PostConstruct', 'PreDestroy', 'Bean']);
// Beans the container makes once when the application starts.
const SINGLETON_TYPE_ANNOTATIONS = new Set([
  'Component',
  'Service',
  'Repository',
  'Controller',
  'RestController',
  'Configuration',
  'WebListener',
]);

export interface EntryPoint {
  phase: Phase;
  why: string; // e.g. "HttpServlet.doPost", "@RequestMapping", "static initializer"
}

const simple = (n: string) => n.slice(n.lastIndexOf('.') + 1).replace(/^@/, '');

function byHierarchy(
  decl: JavaTypeDecl,
  supers: string[],
  table: Record<string, string[]>,
): { method: string; why: string }[] {
  const out: { method: string; why: string }[] = [];
  for (const s of supers) {
    const methods = table[s];
    if (!methods) continue;
    for (const m of decl.methods)
      if (methods[0] === ALL || methods.includes(m.name)) out.push({ method: m.name, why: `${s}.${m.name}` });
  }
  return out;
}

/** Spring XML beans' classes and init methods (`<bean class="a.B" init-method="start">`). */
function springXmlStartup(project: ProjectFacts): { type: string; method: string; why: string }[] {
  const out: { type: string; method: string; why: string }[] = [];
  for (const f of project.files) {
    if (f.kind !== 'xml' || f.root !== 'beans') continue;
    for (const el of f.elements) {
      const type = el.attributes.class;
      if (el.name !== 'bean' || !type) continue;
      out.push({ type, method: '<init>', why: 'Spring bean' });
      const init = el.attributes['init-method'];
      if (init) out.push({ type, method: init, why: 'Spring init-method' });
    }
  }
  return out;
}

/** The methods the container, a framework or the JVM calls on its own, and when. */
export function entryPoints(project: ProjectFacts, index: ProjectIndex): Map<MethodId, EntryPoint> {
  const out = new Map<MethodId, EntryPoint>();
  const add = (type: string, method: string, e: EntryPoint) => {
    const id = methodId(type, method);
    if (!out.has(id) || (out.get(id)!.phase === 'startup' && e.phase === 'request')) out.set(id, e);
  };
  // the Java of each JSP page is a class of the same name (JspPage): every page's methods run on a request
  for (const f of project.files)
    if (f.kind === 'java' && f.page)
      for (const t of f.types)
        for (const m of t.methods) add(t.qualifiedName, m.name, { phase: 'request', why: 'JSP page' });
  for (const [q, { decl, file }] of index.byQualified) {
    add(q, '<clinit>', { phase: 'startup', why: 'static initializer' });
    add(q, '<field>', { phase: 'startup', why: 'field initializer' });
    if (file.page) continue; // below: every page, not the one the index keeps under the shared class name
    const supers = typeHierarchy(q, index).slice(1).map(simple);
    for (const { method, why } of byHierarchy(decl, supers, STARTUP_BY_SUPERTYPE))
      add(q, method, { phase: 'startup', why });
    for (const { method, why } of byHierarchy(decl, supers, REQUEST_BY_SUPERTYPE))
      add(q, method, { phase: 'request', why });
    const typeAnnotations = decl.annotations.map(simple);
    const requestType = typeAnnotations.find((a) => REQUEST_TYPE_ANNOTATIONS.has(a));
    for (const m of decl.methods) {
      const annotations = m.annotations.map(simple);
      const onRequest = annotations.find((a) => REQUEST_METHOD_ANNOTATIONS.has(a));
      const onStartup = annotations.find((a) => STARTUP_METHOD_ANNOTATIONS.has(a));
      if (onStartup) add(q, m.name, { phase: 'startup', why: `@${onStartup}` });
      else if (onRequest) add(q, m.name, { phase: 'request', why: `@${onRequest}` });
      else if (requestType && !m.isStatic) add(q, m.name, { phase: 'request', why: `@${requestType}` });
    }
    const singleton =
      typeAnnotations.some((a) => SINGLETON_TYPE_ANNOTATIONS.has(a)) ||
      file.fields.some((f) => f.isStatic && f.owner === decl.name && simple(f.type) === decl.name);
    if (singleton) add(q, '<init>', { phase: 'startup', why: 'singleton constructor' });
  }
  for (const { type, method, why } of springXmlStartup(project))
    if (index.byQualified.has(type)) add(type, method, { phase: 'startup', why });
  return out;
}
