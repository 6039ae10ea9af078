/**
 * Once per `npm run test:scale`: the seeded database every server copies, then the production build
 * (scale/support/build.ts). The build directory is handed to the tests with `inject('scaleBuildDir')`.
 */
import type { TestProject } from 'vitest/node';
import { ensureBuild, seedTemplate } from './build';

declare module 'vitest' {
  export interface ProvidedContext {
    scaleBuildDir: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const distDir = process.env.SCALE_BUILD_DIR || '.next-scale';
  const started = Date.now();
  const databaseUrl = await seedTemplate();
  const { reused } = await ensureBuild(distDir, databaseUrl);
  console.log(`scale tests: database seeded, build in ${distDir} ${reused ? 'reused' : 'made'} (${Math.round((Date.now() - started) / 1000)} s)`);
  project.provide('scaleBuildDir', distDir);
}
