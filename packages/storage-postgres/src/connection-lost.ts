/**
 * Errors after which a connection is of no more use: no answer in time (pg's `query_timeout`),
 * or the connection is gone. A ROLLBACK on such a connection would queue behind the query that
 * got no answer and wait out its own time-out; closing the connection rolls back all the same.
 */
export const isConnectionLost = (error: unknown): boolean =>
  error instanceof Error &&
  (/query read timeout|connection terminated|not queryable/i.test(error.message) ||
    ['ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes((error as { code?: string }).code ?? ''));
