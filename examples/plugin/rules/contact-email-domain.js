// @ts-check
/**
 * A portal policy as code: the contact point's e-mail belongs to one of the organisation's
 * domains (a personal or third-party address leaves the dataset orphaned when people move on).
 * A plugin needs no runtime dependency on odlint: a rule is a plain `{ meta, create }` object
 * (the JSDoc type below gives editors and `tsc --checkJs` the same checks as `defineRule`).
 *
 * @type {import('odlint').RuleModule<{ domains: string[] }>}
 */
const rule = {
  meta: {
    id: 'contact-email-domain',
    family: 'example',
    description: "The contact point's e-mail address is not in one of the organisation's domains.",
    rationale: 'A functional mailbox of the organisation outlives the people who publish the data.',
    severity: 'warning',
    presets: ['recommended'],
    optionsSchema: {
      properties: { domains: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 } },
    },
    defaultOptions: { domains: [] },
    messages: {
      otherDomain: 'the contact e-mail {{email}} is not in {{domains}}',
    },
  },
  create(context) {
    const domains = context.options.domains.map((d) => d.toLowerCase());
    return {
      dataset(ds) {
        const email = ds.contactPoint?.email?.trim();
        if (!email || !domains.length) return;
        const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
        if (domains.some((d) => domain === d || domain.endsWith(`.${d}`))) return;
        context.report({
          messageId: 'otherDomain',
          // The engine masks personal data in every message: the address shows as j***@***.com.
          data: { email, domains: domains.join(', ') },
          location: ds.locations['contactPoint.email'] ?? ds.locations.contactPoint ?? ds.at,
        });
      },
    };
  },
};
export default rule;
