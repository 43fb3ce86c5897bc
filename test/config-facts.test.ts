import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectFacts } from '../analyzers/collect.js';
import { assessFiles, ROOT } from './helpers.js';

const facts = (app: string) => collectFacts(path.join(ROOT, 'fixtures', app), { threads: 0 });

describe('configuration facts', () => {
  it('web.xml: flavor, Servlet namespace and version, distributable, session timeout, listeners, servlets', async () => {
    const shop = (await facts('servlet-shop')).config.webXml;
    expect(shop).toEqual([
      expect.objectContaining({
        file: 'WebContent/WEB-INF/web.xml',
        flavor: 'javaee',
        servletNamespace: 'javax',
        version: '2.5',
        distributable: true,
        sessionTimeout: 30,
        listeners: ['com.acme.shop.web.StartupListener'],
      }),
    ]);
    expect(shop[0].servlets.map((s) => s.name)).toEqual(['login', 'cart', 'checkout', 'download']);
    const forum = (await facts('struts-forum')).config.webXml[0];
    expect(forum).toMatchObject({ flavor: 'dtd', version: '2.3', distributable: false });
    const crm = (await facts('spring-mvc-crm')).config.webXml[0];
    expect(crm.contextParams).toEqual([
      { name: 'contextConfigLocation', value: 'classpath:applicationContext.xml', line: 6 },
    ]);
  });

  it('web.xml in the jakarta namespace is a jakarta app', async () => {
    const dir = await assessFiles({
      'WEB-INF/web.xml':
        '<web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0"><distributable/></web-app>',
    });
    expect(dir.config.webXml[0]).toMatchObject({
      flavor: 'jakarta',
      servletNamespace: 'jakarta',
      version: '6.0',
      distributable: true,
    });
  });

  it('context.xml and server.xml: Manager, Store, Cluster', async () => {
    const shop = (await facts('servlet-shop')).config.tomcat;
    expect(shop[0].role).toBe('context');
    expect(shop[0].elements.map((e) => [e.kind, e.attributes.className, e.line])).toEqual([
      ['Manager', 'org.apache.catalina.session.PersistentManager', 4],
      ['Store', 'org.apache.catalina.session.FileStore', 5],
    ]);
    const forum = (await facts('struts-forum')).config.tomcat;
    expect(forum.map((t) => [t.file, t.role, t.elements.map((e) => e.kind)])).toEqual([
      ['tomcat6/conf/server.xml', 'server', ['Cluster']],
    ]);
  });

  it('Spring beans with scope and property values; Struts actions with the effective form scope', async () => {
    const crm = await facts('spring-mvc-crm');
    const prefs = crm.config.springBeans.find((b) => b.id === 'searchPreferences');
    expect(prefs).toMatchObject({
      scope: 'session',
      scopedProxy: true,
      className: 'com.example.crm.web.SearchPreferences',
    });
    const mail = crm.config.springBeans.find((b) => b.id === 'mailSender');
    expect(mail?.properties.map((p) => [p.name, p.value])).toEqual([
      ['host', 'smtp.example-crm.cn'],
      ['username', 'noreply@example-crm.cn'],
      ['password', 'Mail#2016'],
    ]);
    expect(crm.config.springBeans.map((b) => b.id)).not.toContain('oldDataSource'); // commented out
    const forum = await facts('struts-forum');
    expect(forum.config.strutsActions.map((a) => [a.path, a.form, a.scope])).toEqual([
      ['/login', 'loginForm', 'request'],
      ['/upload', 'uploadForm', 'session'],
      ['/post', undefined, undefined],
      ['/logout', undefined, undefined],
    ]);
  });

  it('logging: file appenders with their paths and whether a logger uses them', async () => {
    const crm = await facts('spring-mvc-crm');
    expect(crm.config.fileAppenders.map((a) => [a.framework, a.name, a.path, a.referenced])).toEqual([
      ['log4j', 'file', '/home/crm/logs/crm.log', true],
      ['log4j', 'audit', '../logs/audit.log', false],
    ]);
    const forum = await facts('struts-forum');
    expect(forum.config.fileAppenders.map((a) => [a.framework, a.name, a.path])).toEqual([
      ['log4j', 'FILE', '../logs/forum.log'],
    ]);
  });
});
