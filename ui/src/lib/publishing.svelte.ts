// Publishing in the window: the targets the settings keep, what the open piece became on
// each (the inspector's "Published"), and one publish as a small state machine the
// PublishSheet shows: choose → (password?) → publishing → done, or refused with a retry,
// or "changed in the CMS": overwrite or stop. The publish itself is core's.
import { api } from './api';
import { t } from './i18n/index.svelte';
import type { ExportGate } from './preflight.svelte';
import type { CommandError, Publication, PublishOptions, TargetView } from './types';

export const publishing = $state({
  targets: [] as TargetView[],
  /** The piece whose publications are below, and those publications. */
  forId: null as string | null,
  publications: [] as Publication[],
});

const STATUSES = ['draft', 'publish', 'future', 'pending', 'private'];

/** A post's status on the site in the interface's words (an unknown one as the site says it). */
export function postStatus(s: string): string {
  return STATUSES.includes(s) ? t(`published.status.${s}` as never) : s;
}

export async function loadTargets(): Promise<void> {
  publishing.targets = await api.publishTargets().catch(() => []);
}

export async function loadPublications(id: string | null): Promise<void> {
  publishing.forId = id;
  const list = id ? await api.publications(id).catch(() => []) : [];
  if (publishing.forId === id) publishing.publications = list;
}

/** "Publish…" on either screen: the targets, the pre-flight (as an export has it), then
 * `open` shows the dialog. */
export async function startPublish(gate: ExportGate, id: string, flush: () => Promise<void>, open: () => void): Promise<void> {
  await loadTargets();
  await gate.run(
    id,
    flush,
    async () => {
      await loadPublications(id);
      open();
    },
    'publish',
  );
}

export type PublishStep =
  | { step: 'choose' }
  | { step: 'busy' }
  | { step: 'done'; publication: Publication }
  | { step: 'needs-secret'; error: CommandError | null }
  | { step: 'changed'; error: CommandError }
  | { step: 'failed'; error: CommandError };

/** One publish of the piece `id`: the choices and where it stands. */
export class PublishRun {
  state = $state<PublishStep>({ step: 'choose' });
  target = $state('');
  how = $state<'draft' | 'publish' | 'schedule'>('draft');
  /** `datetime-local` value (the reporter's own clock). */
  at = $state('');
  secret = $state('');

  constructor(
    private id: string,
    private flush: () => Promise<void>,
  ) {
    const last = publishing.publications[0]?.target;
    this.target = publishing.targets.find((t) => t.name === last)?.name ?? publishing.targets[0]?.name ?? '';
  }

  options(overwrite: boolean): PublishOptions {
    if (this.how === 'schedule') {
      const when = new Date(this.at);
      return { as: 'schedule', at: Number.isNaN(when.getTime()) ? this.at : when.toISOString(), overwrite };
    }
    return { as: this.how, overwrite } as PublishOptions;
  }

  async go(overwrite = false): Promise<void> {
    if (!this.target || this.state.step === 'busy') return;
    this.state = { step: 'busy' };
    try {
      await this.flush();
      const publication = await api.publish(this.id, this.target, this.options(overwrite), this.secret || null);
      this.secret = '';
      this.state = { step: 'done', publication };
      await Promise.all([loadPublications(this.id), loadTargets()]);
    } catch (e) {
      const error = e as CommandError;
      const remote = error.kind === 'remote' ? error.remote : undefined;
      if (remote === 'no_secret') this.state = { step: 'needs-secret', error: null };
      // A refused password: asked for again (the one in the keyring may be an old one).
      else if (remote === 'auth') this.state = { step: 'needs-secret', error };
      else if (remote === 'changed_remotely') this.state = { step: 'changed', error };
      else this.state = { step: 'failed', error };
    }
  }
}
