/**
 * "Something about this client changed": their record, a group they go to, a check-in that opened
 * or closed, a question answered. Whatever changes a client says so here, once, by id; the
 * scheduler listens and plans them again within a second. Nothing else needs to know who listens,
 * so the features never reach for the scheduler (which depends on them, not they on it).
 */
export class ClientChanged {
  private readonly listeners = new Set<(clientId: string) => void>();

  /** Listen from now on; returns a function that stops listening. */
  on(listener: (clientId: string) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  emit(clientId: string): void {
    for (const listener of [...this.listeners]) listener(clientId);
  }
}
