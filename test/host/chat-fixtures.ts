/** A pattern the host tests put into the library: the lens and search find it, the chat tool finds it, the participant puts it in the prompt. */
export const RETRY = `/** Retries an async operation with exponential backoff between attempts. */
export async function retryWithBackoff<T>(operation: () => Promise<T>, attempts = 5, baseDelayMs = 100): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await operation();
    } catch (error) {
      lastError = error;
      if (attempt === attempts - 1) break;
      await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** attempt));
    }
  }
  throw lastError;
}
`;
