import type { StorybookConfig } from '@storybook/web-components-vite';
import { defaultClientConditions, mergeConfig } from 'vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  // Docs pages for every component, from the custom-elements manifest (JSDoc).
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (vite) =>
    mergeConfig(vite, {
      // The workspace packages' TypeScript sources, not their builds: a story shows the code as it is now.
      resolve: { conditions: ['ebok-source', ...defaultClientConditions] },
      // Standard decorators and class fields are lowered here as in the widgets' own build.
      esbuild: { target: 'es2022' },
      build: { chunkSizeWarningLimit: 4096 },
    }),
};
export default config;
