import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess } from '../analyzers/assess/assess.js';
import type { Finding } from '../analyzers/types.js';
import { effortSize, judge } from '../analyzers/assess/verdict.js';
import { bundledRules, ROOT } from './helpers.js';

const run = (app: string) => assess(path.join(ROOT, 'fixtures', app), bundledRules(), { threads: 0 });

describe('verdicts on fixtures built to land in each class', () => {
  it('a stateless app: containerize now, full score, no blockers', async () => {
    const a = await run('stateless-api');
    expect(a.verdict).toMatchObject({
      class: 'containerize',
      devTestOnly: false,
      score: 100,
      blockers: [],
      refactors: [],
    });
    expect(a.profile).toMatchObject({
      buildTool: 'maven',
      packaging: 'war',
      javaVersion: '11',
      servlet: { namespace: 'javax', version: '4.0' },
    });
    expect(a.profile.databases.map((d) => d.name)).toEqual(['PostgreSQL']);
    expect(a.baseImage.image).toBe('tomcat:9.0-jdk11-temurin');
  });

  it('stateful apps: refactor first, with the refactors that apply', async () => {
    const shop = await run('servlet-shop');
    expect(shop.verdict.class).toBe('refactor');
    expect(shop.verdict.refactors).toEqual(['session-serializable', 'session-store', 'local-files']);
    expect(shop.verdict.blockers[0]).toEqual({
      ruleId: 'session-attribute-not-serializable',
      category: 'mandatory',
      count: 2,
    });
    expect(shop.verdict.score).toBeGreaterThan(25);
    expect(shop.verdict.score).toBeLessThan(100);
    const forum = await run('struts-forum');
    expect(forum.verdict.class).toBe('refactor');
    expect(forum.profile.frameworks.map((f) => f.name)).toEqual(['Struts 1']);
    expect(forum.profile.tomcat).toEqual({ version: '6', evidence: { kind: 'bundled-tomcat', ref: 'tomcat6/' } });
    expect(forum.baseImage.image).toBe('tomcat:9.0-jdk8-temurin');
    expect(forum.baseImage.reason.en).toContain('end of life');
  });

  it('an app that embeds a broker and a file database: not recommended, score capped', async () => {
    const a = await run('order-broker');
    expect(a.verdict.class).toBe('not-recommended');
    expect(a.verdict.score).toBeLessThanOrEqual(25);
    expect(a.profile).toMatchObject({
      buildTool: 'gradle',
      packaging: 'war',
      javaVersion: '17',
      servlet: { namespace: 'jakarta', version: '6.0' },
    });
    expect(a.baseImage.image).toBe('tomcat:10.1-jdk17-temurin');
  });

  it('an in-memory database as its data source: the dev/test-only note, and a blocker for a second instance; a Spring Boot jar runs on a JRE image', async () => {
    const a = await run('kanban-demo');
    // each instance would have its own board, lost on restart
    expect(a.verdict).toMatchObject({ class: 'refactor', devTestOnly: true });
    expect(a.verdict.blockers).toEqual([{ ruleId: 'in-memory-data-store', category: 'mandatory', count: 1 }]);
    expect(a.profile.springBoot).toBe(true);
    expect(a.profile.frameworks.map((f) => f.name)).toEqual(['Spring Boot', 'Spring']);
    expect(a.baseImage.image).toBe('eclipse-temurin:17-jre');
  });

  it('Spring MVC profile: framework versions, databases from JDBC URLs', async () => {
    const a = await run('spring-mvc-crm');
    expect(a.profile.frameworks).toEqual([
      {
        name: 'Spring',
        version: '4.3.30.RELEASE',
        evidence: { kind: 'dependency', ref: 'pom.xml: org.springframework:spring-webmvc:4.3.30.RELEASE' },
      },
    ]);
    expect(a.profile.databases.map((d) => d.name)).toEqual(['MySQL', 'SQL Server']);
    expect(a.profile.servlet).toMatchObject({ namespace: 'javax', version: '3.0' });
  });
});

describe('score and effort formulas', () => {
  const f = (ruleId: string, category: Finding['category'], effort = 2, tags = ['config']): Finding => ({
    ruleId,
    category,
    effort,
    tags,
    file: 'a',
    line: 1,
    column: 1,
    title: { en: '', 'zh-CN': '' },
    message: { en: '', 'zh-CN': '' },
    snippet: '',
    matched: {},
  });

  it('readiness = 100 × e^(−P/100), P = Σ weight × (1 + log2 n)', () => {
    expect(judge([]).score).toBe(100);
    expect(judge([f('a', 'mandatory')]).score).toBe(Math.round(100 * Math.exp(-0.15)));
    // four findings of one rule weigh 3× one finding (1 + log2 4)
    expect(judge([1, 2, 3, 4].map(() => f('a', 'optional'))).score).toBe(Math.round(100 * Math.exp(-0.18)));
  });

  it('effort = Σ effort × (1 + log2 n), with a size', () => {
    expect(judge([f('a', 'optional', 3), f('a', 'optional', 3), f('b', 'potential', 1)]).effortPoints).toBe(7);
    expect([0, 3, 4, 8, 21, 22, 56].map(effortSize)).toEqual(['XS', 'XS', 'S', 'S', 'M', 'L', 'XL']);
  });

  it('configuration and logging findings alone do not make an app stateful', () => {
    expect(judge([f('a', 'mandatory', 1, ['config']), f('b', 'optional', 1, ['logging'])]).class).toBe('containerize');
    expect(judge([f('a', 'optional', 1, ['session'])]).class).toBe('refactor');
    expect(judge([f('a', 'potential', 1, ['session'])]).class).toBe('containerize');
  });
});
