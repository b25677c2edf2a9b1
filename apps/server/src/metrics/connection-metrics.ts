import { Gauge, type Registry } from 'prom-client';
import { scrapedGauge } from './scraped-figures.js';

export interface ConnectionFigures {
  /** Names this node in `tally_sockets{node}` (NODE_ID). */
  nodeId: string;
  /** Socket.IO connections open on this node. */
  sockets(): number;
  /** Distinct members online (across nodes when they share Redis). */
  membersOnline(): Promise<number>;
}

/** Who is connected: sockets of this node, members online. */
export function registerConnectionMetrics(registry: Registry, figures: ConnectionFigures): void {
  new Gauge({
    name: 'tally_sockets',
    help: 'Socket.IO connections open, by node (NODE_ID).',
    labelNames: ['node'],
    registers: [registry],
    collect() {
      this.set({ node: figures.nodeId }, figures.sockets());
    },
  });
  scrapedGauge(registry, {
    name: 'tally_sockets_connected',
    help: 'Socket.IO connections open on this node (tally_sockets without its node label).',
    read: figures.sockets,
  });
  scrapedGauge(registry, {
    name: 'tally_members_online',
    help: 'Distinct clientIds connected.',
    read: figures.membersOnline,
  });
}
