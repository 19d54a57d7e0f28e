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
import type { ValueDetector } from './detector.js';

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
export * from './severity.js';
export * from './checksums.js';
export { nissValid } from './identifiers/be-niss.js';
export { bsnValid } from './identifiers/nl-bsn.js';
export { nirValid } from './identifiers/fr-nir.js';
export { matriculeValid } from './identifiers/lu-matricule.js';
export { ibanValid, IBAN_LENGTHS } from './identifiers/iban.js';
export { cardValid } from './identifiers/payment-card.js';
export { personalEmail, isRoleMailbox, parsePhone, PHONE_REGIONS } from './contact.js';
export { beNiss, nlBsn, frNir, luMatricule, iban, paymentCard, email, phone, mobilePhone, ipAddress, licencePlate };

/**
 * National identification numbers with check digits (BE, NL, LU, FR). Order breaks ties: a
 * 13-digit number that validates as nothing is reported as a Luxembourg matricule before a
 * French NIR written without its key.
 */
export const NATIONAL_ID_DETECTORS: readonly ValueDetector[] = [beNiss, nlBsn, luMatricule, frNir];

/** Every value detector, identifiers first. */
export const ALL_DETECTORS: readonly ValueDetector[] = [...NATIONAL_ID_DETECTORS, iban, paymentCard, email, phone, mobilePhone, ipAddress, licencePlate];
