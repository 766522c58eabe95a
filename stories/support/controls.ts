import type { StoryObj } from '@storybook/web-components-vite';
import '../../packages/widgets/src/controls/index.js';
import { say, type Sample } from './lang.js';

/** A control shown empty, filled, with an error, or disabled: the states a resident meets. */
export type ControlState = 'empty' | 'filled' | 'invalid' | 'disabled';

/** What a control's stories show: its texts in three languages and a value of its type. */
export interface ControlSample {
  readonly label: Sample;
  readonly hint?: Sample;
  /** The value of a filled control (a function for values built asynchronously, such as a file). */
  readonly value: unknown | (() => Promise<unknown>);
  /** A value the error belongs to; the control is left empty when there is none. */
  readonly invalidValue?: unknown;
  /** The message a validator would give, shown next to the control. */
  readonly error: Sample;
  /** Properties with no state of their own (options, format, limits …); options' labels may be samples. */
  readonly props?: () => Record<string, unknown>;
}

const PROPS = ['name', 'label', 'hint', 'required', 'disabled', 'error'] as const;

/**
 * A story of `tag` in `state`. Its texts follow the toolbar's language; any property set in the
 * Controls panel (from the custom-elements manifest) wins over the sample.
 */
export function controlStory(tag: string, sample: ControlSample, state: ControlState): StoryObj {
  return {
    loaders: [
      async () => ({
        value: typeof sample.value === 'function' ? await (sample.value as () => Promise<unknown>)() : sample.value,
      }),
    ],
    render: (args, { loaded }) => {
      const el = document.createElement(tag) as HTMLElement & Record<string, unknown>;
      Object.assign(el, sample.props?.() ?? {}, {
        name: tag.replace(/^ebok-/, ''),
        label: say(sample.label),
        hint: sample.hint ? say(sample.hint) : '',
        required: true,
      });
      if (state === 'filled' || state === 'disabled') el['value'] = loaded['value'];
      if (state === 'invalid') {
        if (sample.invalidValue !== undefined) el['value'] = sample.invalidValue;
        el['error'] = say(sample.error);
      }
      if (state === 'disabled') el['disabled'] = true;
      for (const name of PROPS) if (args[name] !== undefined && args[name] !== '') el[name] = args[name];
      return el;
    },
  };
}

/** The four stories of a control. */
export function controlStories(
  tag: string,
  sample: ControlSample,
): Record<'Empty' | 'Filled' | 'Invalid' | 'Disabled', StoryObj> {
  return {
    Empty: controlStory(tag, sample, 'empty'),
    Filled: controlStory(tag, sample, 'filled'),
    Invalid: controlStory(tag, sample, 'invalid'),
    Disabled: controlStory(tag, sample, 'disabled'),
  };
}

/** Options with labels in the toolbar's language. */
export const options = (list: ReadonlyArray<readonly [string, Sample]>): Array<{ value: string; label: string }> =>
  list.map(([value, label]) => ({ value, label: say(label) }));
