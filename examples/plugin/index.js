// An odlint plugin: rules written with odlint's rule API (`meta` + `create`), namespaced by the
// plugin (`example/<rule>` — the namespace comes from `meta.namespace`, else from the package
// name odlint-plugin-<namespace>), and presets of its own (`extends: plugin:example/recommended`).
import contactEmailDomain from './rules/contact-email-domain.js';
import titleAllCapitals from './rules/title-all-capitals.js';

/** @type {import('odlint').Plugin} */
export default {
  meta: { namespace: 'example', version: '1.0.0' },
  rules: {
    'contact-email-domain': contactEmailDomain,
    'title-all-capitals': titleAllCapitals,
  },
  // `plugin:example/recommended` = the rules whose meta.presets name it, then these settings.
  configs: {
    recommended: {
      options: { 'example/contact-email-domain': { domains: ['example.org'] } },
    },
  },
};
