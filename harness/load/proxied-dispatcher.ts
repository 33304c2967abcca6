// The client stack for runs through the userspace delay proxy (delay-proxy.ts): undici's ProxyAgent
// (one CONNECT tunnel per connection) with the accounting interceptor composed outermost. The link is
// emulated by the proxy at the byte level, so no in-process link emulation is added.
import { ProxyAgent, type Dispatcher } from 'undici';
import type { Clock } from '../core/clock.js';
import { accounting, type RecordSink } from './interceptors/accounting.js';

export interface ProxiedDispatcherOptions {
  clock: Clock;
  proxyUrl: string;
  connections?: number;
  onRecord?: RecordSink;
}

export function buildProxiedDispatcher(options: ProxiedDispatcherOptions): { dispatcher: Dispatcher; close(): Promise<void> } {
  const agent = new ProxyAgent({ uri: options.proxyUrl, ...(options.connections === undefined ? {} : { connections: options.connections }) });
  const dispatcher = options.onRecord ? agent.compose(accounting(options.clock, options.onRecord)) : agent;
  return { dispatcher, close: () => agent.close() };
}
