import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import { withActions } from 'storybook/actions/decorator';
import type { Lang } from '@ebok/forms-core/runtime';
import manifest from '../packages/widgets/dist/custom-elements.json';
import { useLang } from '../packages/widgets/src/localization.js';

setCustomElementsManifest(manifest);

const preview: Preview = {
  // A docs page per component: its description, attributes, properties, events, parts and CSS properties.
  tags: ['autodocs'],
  globalTypes: {
    locale: {
      description: 'Language of the widgets',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'pl', right: 'PL', title: 'Polski' },
          { value: 'en', right: 'EN', title: 'English' },
          { value: 'uk', right: 'UK', title: 'Українська' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'pl' },
  // The events a host page listens to, logged in the Actions panel as a story's resident goes on.
  decorators: [withActions],
  loaders: [
    async ({ globals }) => {
      const lang = (globals['locale'] as Lang | undefined) ?? 'pl';
      // Every ebok element follows the nearest `lang`, the page's last: set it before they connect.
      document.documentElement.lang = lang;
      await useLang(lang);
      return {};
    },
  ],
  parameters: {
    controls: { expanded: true },
    actions: {
      handles: [
        'ebok-step',
        'ebok-invalid',
        'ebok-draft-restored',
        'ebok-dirty',
        'ebok-submitted',
        'ebok-certificate-change',
      ],
    },
    layout: 'padded',
  },
};
export default preview;
