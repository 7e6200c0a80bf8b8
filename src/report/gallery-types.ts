/** What report.html's gallery script receives: examples slimmed to what it draws. */
export interface GalleryExample {
  tokens: string[];
  spaces?: boolean[];
  entities: Array<{ start: number; end: number; type: string }>;
  relations: Array<{ head: number; tail: number; type: string; negative?: string }>;
  /** Candidate tokens that are new or changed (their origin is -1). */
  changed?: number[];
  /** Candidate tokens kept from the seed but moved out of their order. */
  moved?: number[];
  /** Seed tokens the candidate no longer has unchanged (replaced or removed). */
  dropped?: number[];
}

export interface GalleryItem {
  id: string;
  op: string;
  status: 'accepted' | 'rejected';
  reason?: string;
  detail?: string;
  /** The model's own answer, for a rejected LLM candidate. */
  raw?: string;
  /** Line of `provenance.jsonl` that says how an accepted example was made. */
  provenanceLine?: number;
  seed: GalleryExample;
  candidate: GalleryExample;
}

/** The JSON block report.html carries for its script. */
export interface GalleryData {
  gallery: GalleryItem[];
  /** Highlight colour of each entity type. */
  colour: Record<string, string>;
}
