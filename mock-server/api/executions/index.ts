// PLACEHOLDER — owned by the executions-API engineer, to be replaced.
import type { FastifyInstance } from 'fastify';
import type { PluginOptions } from '../../context.js';

export async function executionsApi(_app: FastifyInstance, _opts: PluginOptions): Promise<void> {}
