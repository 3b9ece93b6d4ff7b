import { createApp, type App, type AppOptions } from '../../src-main/app';
import { projectPaths } from '../../src-main/paths';
import type { InputOf, MethodName, OutputOf } from '../../src-shared/api';
import { withOpenShift } from './shift';
import { tempDir } from './temp';

export interface TestApp extends App {
  dataDir: string;
  /** Calls a method and returns its value, failing the test with the error body otherwise. */
  call<M extends MethodName>(method: M, input: InputOf<M>, token?: string | null): Promise<OutputOf<M>>;
  dispose(): Promise<void>;
}

/** Where no KRA answers (connections are refused): tests that need KRA pass the simulator's address. */
export const UNREACHABLE_KRA = 'http://127.0.0.1:9/etims-api/';

export function startTestApp(options: Partial<AppOptions> = {}): TestApp {
  const dir = tempDir();
  const app = withOpenShift(
    createApp({
      dataDir: dir.path,
      migrationsFolder: projectPaths.migrations,
      log: () => {},
      kra: { mode: 'demo', baseUrl: UNREACHABLE_KRA },
      // Tests move their clocks by days while holding a session; the idle timeout has tests of its own.
      sessionIdleSeconds: 365 * 24 * 60 * 60,
      ...options,
    }),
  );
  return {
    ...app,
    dataDir: dir.path,
    async call(method, input, token = null) {
      const result = await app.dispatch(method, input, token);
      if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
      return result.value as OutputOf<typeof method>;
    },
    async dispose() {
      await app.close();
      dir.cleanup();
    },
  };
}
