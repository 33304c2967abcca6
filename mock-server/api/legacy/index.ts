// PLACEHOLDER — owned by the store/legacy-API engineer, to be replaced.
import type { FastifyInstance } from 'fastify';
import type { PluginOptions } from '../../context.js';

export async function legacyApi(_app: FastifyInstance, _opts: PluginOptions): Promise<void> {}
