import type { EventMap, EventName } from '../../src-shared/api';

export type Listener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

/** The engine's outgoing events; the IPC bridge and the host's SSE stream subscribe to all of them. */
export class AppEvents {
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }
}
