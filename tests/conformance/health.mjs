// Reading the lane's `--health` JSON (README "Configuration": peers, outbox counts, inventory
// checksum, ...). The exact member names are not specified anywhere; they were read off the
// output of a running lane and are accessed defensively here.

export function outboxCounts(h) {
  const o = h.outbox ?? {};
  return {
    pending: o.pending ?? 0,
    peerAcked: (o.peer_ack ?? o.peerAck ?? 0) + (o.cloud_ack ?? 0),
    failed: o.failed ?? 0,
  };
}

/** The health entry of one peer (by terminal id), or undefined. */
export function healthPeer(h, id) {
  const ps = h.peers ?? [];
  if (Array.isArray(ps)) return ps.find((p) => p.terminalId === id || p.id === id || p.peer === id);
  return ps[id];
}

/** Bad/rejected frames counted for a peer (whatever the member is called). */
export function badFrames(entry) {
  if (!entry) return undefined;
  for (const k of ['rejects', 'badFrames', 'rejectedFrames', 'framesRejected', 'rejected', 'bad_frames']) if (typeof entry[k] === 'number') return entry[k];
  return undefined;
}
