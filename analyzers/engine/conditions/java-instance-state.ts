import { instanceState } from '../../java/instance-state.js';
import type { ConditionModule } from '../types.js';
import { matchAt, NONE } from './matches.js';
import { flag } from './schema-parts.js';

const PAGE_SERVLET = `package a;
import javax.servlet.http.*;
public class PageServlet extends HttpServlet {
  private final PageProvider pages = new PageProvider();
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) { pages.put(req.getParameter("p")); }
}
`;

const FEED_SERVLET = `package a;
import javax.servlet.http.*;
public class FeedServlet extends HttpServlet {
  private final FeedCache cache = new FeedCache();
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) { cache.put(req.getPathInfo(), "x"); }
}
`;

export const javaInstanceState: ConditionModule<'java.instanceState', Record<string, never>> = {
  key: 'java.instanceState',
  schema: flag(
    'an instance field of an object that serves every request (a servlet, a Spring bean, a singleton manager) ' +
      'holding a collection or counter that code reached from a request changes; the detail names the path',
  ),
  evaluator: () => (f, ctx) =>
    f.kind === 'java'
      ? instanceState(f, ctx.flow(), ctx.index).map((s) => matchAt(f.file, s.field, s.field.name, undefined, s.how))
      : NONE,
  cases: [
    {
      name: "a lock table of a manager changed from a servlet's doPost",
      when: { 'java.instanceState': {} },
      files: {
        'PageServlet.java': `package a;
import javax.servlet.http.*;
public class PageServlet extends HttpServlet {
  private final PageManager pages = new PageManager();
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) { pages.lock(req.getParameter("p")); }
}
`,
        'PageManager.java': `package a;
import java.util.*;
public class PageManager {
  private final Map<String, String> locks = new HashMap<String, String>();
  public void lock(String page) { locks.put(page, page); }
}
`,
      },
      expect: ['PageManager.java:4'],
      lookAlike: {
        'PageServlet.java': `package a;
import javax.servlet.http.*;
public class PageServlet extends HttpServlet {
  private final PageManager pages = new PageManager();
  public void init() { pages.lock("Main"); }
}
`,
        'PageManager.java': `package a;
import java.util.*;
public class PageManager {
  private final Map<String, String> locks = new HashMap<String, String>();
  public void lock(String page) { locks.put(page, page); }
}
`,
      },
    },
    {
      name: "not the counters and flags of an object that holds a cache: the cache's bookkeeping",
      when: { 'java.instanceState': {} },
      files: {
        'PageServlet.java': PAGE_SERVLET,
        'PageProvider.java': `package a;
import java.util.concurrent.atomic.AtomicLong;
public class PageProvider {
  private final AtomicLong pages = new AtomicLong();
  public void put(String page) { pages.incrementAndGet(); }
}
`,
      },
      expect: ['PageProvider.java:4'],
      lookAlike: {
        'PageServlet.java': PAGE_SERVLET,
        'PageProvider.java': `package a;
import java.util.concurrent.atomic.AtomicLong;
public class PageProvider {
  private CachingManager cachingManager;
  private final AtomicLong pages = new AtomicLong();
  public void put(String page) { pages.incrementAndGet(); }
}
`,
      },
    },
    {
      name: 'not the entries of a cache whose reads take the time the data last changed',
      when: { 'java.instanceState': {} },
      files: {
        'FeedServlet.java': FEED_SERVLET,
        'FeedCache.java': `package a;
import java.util.*;
public class FeedCache {
  private final Map<String, Object> entries = new HashMap<>();
  public Object get(String key) { return entries.get(key); }
  public List<Object> getChangedSince(long since) { return new ArrayList<>(entries.values()); }
  public void put(String key, Object value) { entries.put(key, value); }
}
`,
      },
      expect: ['FeedCache.java:4', 'FeedServlet.java:4'],
      lookAlike: {
        'FeedServlet.java': FEED_SERVLET,
        'FeedCache.java': `package a;
import java.util.*;
public class FeedCache {
  private final Map<String, Object> entries = new HashMap<>();
  public Object get(String key, long lastModified) { return entries.get(key); }
  public void put(String key, Object value) { entries.put(key, value); }
}
`,
      },
    },
  ],
};
