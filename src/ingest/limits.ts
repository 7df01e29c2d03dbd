// Limits the importer holds every file to, whatever brought it: the CLI, the seeds, an upload to the
// web 台账 (whose request body limit is set from this).

/** A plan is a few hundred kilobytes; scanned attachments run to tens of megabytes. Larger is refused. */
export const MAX_IMPORT_BYTES = 50 * 2 ** 20;
