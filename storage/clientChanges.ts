/** Told in this process when a client is added or their record changes (see ClientRepository.onChanged). */
export type ClientChangedListener = (clientId: string) => void;

/** The listeners of one client store: each backend tells them after a write has been made. */
export class ClientChanges {
  private readonly listeners = new Set<ClientChangedListener>();

  on(listener: ClientChangedListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  emit(clientId: string): void {
    for (const listener of this.listeners) listener(clientId);
  }
}
