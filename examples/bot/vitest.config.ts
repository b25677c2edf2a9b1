import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'example-bot',
    include: ['src/**/*.test.ts'],
  },
});
