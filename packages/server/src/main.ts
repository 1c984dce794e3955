/** Start the server from environment variables (filled in by the HTTP step). */
export async function main(_env: NodeJS.ProcessEnv): Promise<void> {}
