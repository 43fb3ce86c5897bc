import { sessionMutations, sessionReaders } from '../../java/session-mutations.js';
import type { ProjectFacts } from '../../types.js';
import type { ConditionModule, EvalContext } from '../types.js';
import { matchAt, NONE, scopeOf } from './matches.js';
import { flag } from './schema-parts.js';

const readersOf = new WeakMap<ProjectFacts, Set<string>>();

/** The project's methods that return a session attribute, found once per project. */
function readers(ctx: EvalContext): Set<string> {
  let r = readersOf.get(ctx.project);
  if (!r) readersOf.set(ctx.project, (r = sessionReaders(ctx.project, ctx.lines)));
  return r;
}

export const javaSessionMutation: ConditionModule<'java.sessionMutation', Record<string, never>> = {
  key: 'java.sessionMutation',
  schema: flag(
    'a call that changes an object read from the HTTP session in place (a setter, add, remove), read directly or ' +
      "through one of the project's methods that returns the attribute, with no setAttribute of it afterwards",
  ),
  evaluator: () => (f, ctx) =>
    f.kind === 'java'
      ? sessionMutations(f, () => ctx.lines(f), readers(ctx), ctx.index).map((c) =>
          matchAt(f.file, c, c.receiver, scopeOf(c)),
        )
      : NONE,
  cases: [
    {
      name: 'an attribute changed in place, read directly or through a getter of the class or a static one of another',
      when: { 'java.sessionMutation': {} },
      files: {
        'A.java': `package a;
import java.util.List;
import javax.servlet.http.HttpSession;
class A {
  private Cart getCart(HttpSession session) {
    Cart cart = (Cart) session.getAttribute("cart");
    if (cart == null) {
      cart = new Cart();
      session.setAttribute("cart", cart);
    }
    return cart;
  }
  void add(HttpSession session, Item item) {
    Cart cart = getCart(session);
    cart.addItem(item);
  }
  void rename(HttpSession session) {
    User u = (User) session.getAttribute("user");
    u.setName("x");
    ((List) session.getAttribute("list")).clear();
  }
}
`,
        'B.java': `package b;
import a.Carts;
class B {
  void f(javax.servlet.http.HttpServletRequest req) {
    a.Cart cart = Carts.current(req);
    cart.removeItemById("x");
  }
}
`,
        'Carts.java': `package a;
public class Carts {
  public static Cart current(javax.servlet.http.HttpServletRequest req) {
    return (Cart) req.getSession().getAttribute("cart");
  }
}
`,
      },
      expect: ['A.java:15', 'A.java:19', 'A.java:20', 'B.java:6'],
      lookAlike: {
        'A.java': `package a;
import javax.servlet.http.HttpSession;
class A {
  private Cart newCart() { return new Cart(); }
  void add(HttpSession session, Item item) {
    Cart cart = newCart();
    cart.addItem(item);
    User u = (User) session.getAttribute("user");
    u.setName("x");
    session.setAttribute("user", u);
    String name = u.getName();
  }
}
`,
      },
    },
  ],
};
