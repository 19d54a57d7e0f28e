/**
 * Personal-data knowledge: pure functions and bounded accumulators shared by the rules in
 * rules/personal-data/. Nothing here reads files or reports findings.
 */
import { beNiss } from './identifiers/be-niss.js';
import { nlBsn } from './identifiers/nl-bsn.js';
import { frNir } from './identifiers/fr-nir.js';
import { luMatricule } from './identifiers/lu-matricule.js';
import { iban } from './identifiers/iban.js';
import { paymentCard } from './identifiers/payment-card.js';
import { email, mobilePhone, phone } from './contact.js';
import { ipAddress } from './network.js';
import { licencePlate } from './licence-plate.js';

export * from './detector.js';
export * from './text.js';
export * from './headers.js';
export * from './special-categories.js';
export * from './table-profile.js';
export * from './counts.js';
export * from './k-anonymity.js';
export * from './value-scan.js';
export * from './masking.js';
export * from './coordinates.js';
export * from './value-shapes.js';
export * from './samples.js';
export * from './table-scan.js';
export * from './value-groups.js';
export * from './severity.js';
export * from './checksums.js';
export { nissValid } from './identifiers/be-niss.js';
export { bsnValid } from './identifiers/nl-bsn.js';
export { nirValid } from './identifiers/fr-nir.js';
export { matriculeValid } from './identifiers/lu-matricule.js';
export { ibanValid, ibanChecksumValid, IBAN_LENGTHS } from './identifiers/iban.js';
export { cardValid } from './identifiers/payment-card.js';
export { personalEmail, isRoleMailbox, parsePhone, PHONE_REGIONS } from './contact.js';
export { beNiss, nlBsn, frNir, luMatricule, iban, paymentCard, email, phone, mobilePhone, ipAddress, licencePlate };
