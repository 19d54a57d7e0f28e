/** The value detectors, grouped as the value rules report them. */
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

/**
 * National identification numbers with check digits (BE, NL, LU, FR). Order breaks ties: a
 * 13-digit number that validates as nothing is reported as a Luxembourg matricule before a
 * French NIR written without its key.
 */
export const NATIONAL_ID_DETECTORS: readonly ValueDetector[] = [beNiss, nlBsn, luMatricule, frNir];

export type ValueGroup = 'nationalId' | 'iban' | 'paymentCard' | 'email' | 'phone' | 'ipAddress' | 'licencePlate';

/**
 * The detectors of each value rule, a group of a `ValueScan` (a value with the whole shape of
 * one kind is not searched for embedded values of its group).
 */
export const VALUE_GROUPS: Readonly<Record<ValueGroup, readonly ValueDetector[]>> = {
  nationalId: NATIONAL_ID_DETECTORS,
  iban: [iban],
  paymentCard: [paymentCard],
  email: [email],
  phone: [phone, mobilePhone],
  ipAddress: [ipAddress],
  licencePlate: [licencePlate],
};

/** Every value detector, identifiers first. */
export const ALL_DETECTORS: readonly ValueDetector[] = Object.values(VALUE_GROUPS).flat();

export const VALUE_GROUP_NAMES = Object.keys(VALUE_GROUPS) as ValueGroup[];
