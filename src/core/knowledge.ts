// What answers are made from: the store's task index, the search index and the catalog of names.
// Built on first use and rebuilt when the store's tasks change.
import type { TaskIndex } from '../store/indexes.ts';
import type { TaskStore } from '../store/task-store.ts';
import { TaskSearch } from '../search/task-search.ts';
import { Catalog } from './catalog.ts';

export interface Knowledge {
  index: TaskIndex;
  search: TaskSearch;
  catalog: Catalog;
}

export function buildKnowledge(index: TaskIndex): Knowledge {
  return { index, search: new TaskSearch([...index.byId.values()]), catalog: new Catalog(index) };
}

export class KnowledgeCache {
  private built: { revision: number; knowledge: Knowledge } | null = null;

  constructor(private readonly store: Pick<TaskStore, 'index' | 'revision'>) {}

  get(): Knowledge {
    if (!this.built || this.built.revision !== this.store.revision) {
      this.built = { revision: this.store.revision, knowledge: buildKnowledge(this.store.index) };
    }
    return this.built.knowledge;
  }
}
