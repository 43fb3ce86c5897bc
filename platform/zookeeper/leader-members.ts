/**
 * Which member of a leader election leads. Curator's LeaderLatch (Marathon 1.2+, `<path>/leader-curator`) names its
 * nodes `_c_<uuid>-latch-0000000012`; the older election (`<path>/leader`) names them `member_0000000003` or with any
 * other prefix: both end in the ten-digit sequence ZooKeeper appended, and the lowest sequence leads.
 */
export function leadingMember(children: string[]): string | undefined {
  const sequence = (name: string) => {
    const m = /(\d{10})$/.exec(name);
    return m ? Number(m[1]) : Number.POSITIVE_INFINITY;
  };
  const members = children.filter((c) => Number.isFinite(sequence(c)));
  return members.sort((a, b) => sequence(a) - sequence(b))[0];
}

/** A member's data is the master's `host:port` (Marathon's `--http_address:--http_port`). */
export function memberAddress(data: Buffer | undefined): string | undefined {
  const text = data?.toString('utf8').trim();
  return text && /^[^\s/]+:\d+$/.test(text) ? text : undefined;
}
