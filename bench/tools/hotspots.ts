/**
 * Micro-benchmarks of the two hottest avoidable costs the search profile shows on Outpost's
 * request path (see bench/README.md), each against the cheap alternative:
 *   - toOutput(NodeOutputDTO, page of 100) (class-transformer) vs. picking the exposed fields;
 *   - JwtService.verify with the secret as a string (jsonwebtoken tries createPublicKey first,
 *     which throws, on every call) vs. a KeyObject made once with createSecretKey.
 * Usage: npm run build && node dist/bench/tools/hotspots.js
 */
import 'reflect-metadata';
import { createSecretKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { toOutput } from '../../src/core/http/output';
import { NODE_OUTPUT_FIELDS } from '../lib/node-fields';
import { NodeOutputDTO } from '../../src/modules/node/dto/node.dto';
import { Node, NodeScheduling, NodeStatus, nodeState } from '../../src/modules/node/entities/node.entity';

const ID = 'e3b0c442-98fc-1c14-9afb-f4c8996fb924';
const rows: Node[] = Array.from({ length: 100 }, (_, i) =>
  Object.assign(new Node(), {
    id: ID,
    domainId: ID,
    name: `berlin-${i}`,
    address: '10.0.0.1',
    tags: ['tier-1', 'berlin'],
    location: 'berlin',
    memoryMiB: 4096,
    diskMiB: 102400,
    cpuPercent: 400,
    overallocationPercent: 0,
    portRangeStart: 25500,
    portRangeEnd: 25999,
    status: NodeStatus.ONLINE,
    scheduling: NodeScheduling.ACTIVE,
    lastHeartbeatAt: new Date(),
    agentVersion: null,
    inventory: null,
    registerTokenHash: null,
    registerTokenExpiresAt: null,
    agentTokenHash: null,
    createdAt: new Date(),
    updatedAt: new Date(),
  }),
);
const pick = (r: Node) => {
  const o: Record<string, unknown> = {};
  for (const k of NODE_OUTPUT_FIELDS) o[k] = r[k];
  o.state = nodeState(r);
  return o;
};

function time(name: string, fn: () => unknown, n: number): number {
  for (let i = 0; i < Math.min(200, n); i++) fn();
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  const us = Number(process.hrtime.bigint() - t) / n / 1000;
  console.log(`  ${name.padEnd(44)} ${us.toFixed(1).padStart(8)} µs/op`);
  return us;
}

const a = time('toOutput(NodeOutputDTO, 100 nodes)', () => toOutput(NodeOutputDTO, rows), 1000);
const b = time('pick exposed fields (100 nodes)', () => rows.map(pick), 1000);
console.log(`  → ${(a / b).toFixed(0)}× (same keys: ${JSON.stringify(Object.keys(toOutput(NodeOutputDTO, rows[0])).sort()) === JSON.stringify(Object.keys(pick(rows[0])).sort())})`);

const secret = 'bench-secret-bench-secret-bench-secret-0123456789';
const jwt = new JwtService({ secret });
const token = jwt.sign({ sub: ID, typ: 'access' }, { expiresIn: 900, algorithm: 'HS256' });
const c = time('JwtService.verify, secret as string', () => jwt.verify(token, { algorithms: ['HS256'] }), 3000);
const key = createSecretKey(Buffer.from(secret));
const d = time('JwtService.verify, secret as KeyObject', () => jwt.verify(token, { secret: key as never, algorithms: ['HS256'] }), 3000);
console.log(`  → ${(c / d).toFixed(0)}×`);
