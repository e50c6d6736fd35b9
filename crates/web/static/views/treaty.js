// The scenario counted under a built-in treaty: classes, limits and headroom for each side.

import { busy, h, table } from '../dom.js';
import { resultButtons } from '../export.js';

export default {
  id: 'treaty',
  title: 'Treaty',
  defaults: { treaty: 'new-start', disputed: false },
  async render(container, ctx) {
    const vs = ctx.vs;
    const catalog = await fetch('/api/catalog').then((r) => r.json());
    const select = h('select', { id: 'treaty' }, catalog.treaties.map((t) => h('option', { value: t, selected: t === vs.treaty }, t)));
    const disputed = h('input', { type: 'checkbox', id: 'disputed', checked: vs.disputed });
    const out = h('div', { id: 'treaty-result' });
    const run = async () => {
      vs.treaty = select.value;
      vs.disputed = disputed.checked;
      ctx.save();
      const waiting = busy('counting');
      out.replaceChildren(waiting);
      try {
        const data = await ctx.post('/api/treaty', { ...ctx.scenarioRequest(), treaty: vs.treaty, count_disputed: vs.disputed });
        const doc = data.document;
        out.replaceChildren(resultButtons('treaty', doc), ...doc.sides.flatMap((s) => [
          h('h3', {}, `${s.side}: ${s.complies ? 'complies' : 'does NOT comply'}`),
          table(['limit', 'counted', 'limit', 'headroom', 'complies'], s.limits.map((l) => [l.name, l.counted, l.max, l.headroom, l.complies ? 'yes' : 'NO'])),
          table(['class', 'deployed launchers', 'deployed warheads', 'non-deployed', 'converted'], s.classes.map((c) => [c.name, c.deployed_launchers, c.deployed_warheads, c.non_deployed_launchers, c.converted_launchers])),
        ]));
      } catch (error) {
        out.replaceChildren(h('p', { class: 'error' }, error.message));
      } finally {
        waiting.stop();
      }
    };
    select.addEventListener('change', run);
    disputed.addEventListener('change', run);
    container.append(h('div', { class: 'row' }, h('label', {}, 'treaty ', select), h('label', {}, disputed, ' count disputed launchers (Russia\'s position of March 2022)')), out);
    await run();
  },
};
