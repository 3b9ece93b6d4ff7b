/**
 * Taxpayers the KRA simulator knows from the start: Mauzo's demo duka, whose device serials tests and
 * demo mode initialise without admin calls, and the identity of the payloads recorded by Odoo
 * (../shared/conformance), with its customer and supplier, so those payloads make sense.
 */

export interface KnownBranch {
  bhfId: string;
  name: string;
  county: string;
  subCounty: string;
  locality: string;
  location: string | null;
  manager: string;
  managerPhone: string;
  managerEmail: string;
  headOffice: boolean;
  /** YYYYMMDD. */
  openedOn: string;
}

export interface KnownTaxpayer {
  tin: string;
  name: string;
  businessActivity: string;
  branches: readonly KnownBranch[];
}

/** A buyer or supplier known to KRA by PIN, without branches of interest. */
export interface KnownPartner {
  tin: string;
  name: string;
  county: string;
  subCounty: string;
  locality: string;
}

export const DEMO_TAXPAYER = {
  tin: 'P051234567M',
  name: 'MAUZO DEMO DUKA',
  businessActivity: 'Retail shop',
  branches: [
    {
      bhfId: '00',
      name: 'Headquarter',
      county: 'NAIROBI CITY',
      subCounty: 'WESTLANDS',
      locality: 'PARKLANDS',
      location: 'Limuru Road, Parklands',
      manager: 'Amina Wanjiru',
      managerPhone: '0700000001',
      managerEmail: 'amina@mauzo.example',
      headOffice: true,
      openedOn: '20240101',
    },
    {
      bhfId: '01',
      name: 'Kisumu Road Branch',
      county: 'KISUMU',
      subCounty: 'KISUMU CENTRAL',
      locality: 'MILIMANI',
      location: 'Oginga Odinga Street',
      manager: 'Otieno Ochieng',
      managerPhone: '0700000002',
      managerEmail: 'otieno@mauzo.example',
      headOffice: false,
      openedOn: '20240601',
    },
  ],
} as const satisfies KnownTaxpayer;

/** Registered on KRA's portal for the demo taxpayer, usable on any of its branches, once each. */
export const DEMO_DEVICE_SERIALS: readonly string[] = Array.from({ length: 24 }, (_, i) => `MAUZO-DEMO-${String(i + 1).padStart(4, '0')}`);

/** Buyers the demo taxpayer sells to on credit, and its wholesaler. */
export const DEMO_PARTNERS: readonly KnownPartner[] = [
  { tin: 'P000111222Q', name: 'ACME LTD', county: 'NAIROBI CITY', subCounty: 'STAREHE', locality: 'CBD' },
  { tin: 'P051000001A', name: 'JUMLA WHOLESALERS LTD', county: 'NAIROBI CITY', subCounty: 'KAMUKUNJI', locality: 'EASTLEIGH' },
];

export const DEMO_SUPPLIER = DEMO_PARTNERS[1]!;

/** The company in Odoo's recorded eTIMS payloads: PIN P052112956W, branches 00, 01 and 02. */
export const CONFORMANCE_TAXPAYER = {
  tin: 'P052112956W',
  name: 'ODOO KE LTD',
  businessActivity: 'Software',
  branches: [
    {
      bhfId: '00',
      name: 'Headquarter',
      county: 'Nairobi',
      subCounty: 'Westlands District',
      locality: 'Westlands',
      location: null,
      manager: 'ODOO KE LTD',
      managerPhone: '0797790885',
      managerEmail: 'ODOOKELTD@GMAIL.COM',
      headOffice: true,
      openedOn: '20230101',
    },
    {
      bhfId: '01',
      name: 'MOMBASA (Mock)',
      county: 'Mombasa',
      subCounty: 'Mombasa North District',
      locality: 'Ganjoni',
      location: 'A',
      manager: 'A',
      managerPhone: '0711111111',
      managerEmail: 'ODOO@GMAIL.COM',
      headOffice: false,
      openedOn: '20230101',
    },
    {
      bhfId: '02',
      name: 'KAKAMEGA (Mock)',
      county: 'Kakamega',
      subCounty: 'Kakamega East District',
      locality: 'Kakamega East',
      location: 'A',
      manager: 'A',
      managerPhone: '0700000000',
      managerEmail: 'AS@GMAIL.COM',
      headOffice: false,
      openedOn: '20230101',
    },
  ],
} as const satisfies KnownTaxpayer;

export const CONFORMANCE_DEVICE_SERIALS: readonly string[] = Array.from({ length: 4 }, (_, i) => `MAUZO-CONF-${String(i + 1).padStart(4, '0')}`);

/** Customer and supplier of the conformance company ("Ralph Jr"). */
export const CONFORMANCE_PARTNER: KnownPartner = { tin: 'A000123456F', name: 'Ralph Jr', county: 'Nairobi', subCounty: 'Westlands District', locality: 'Vineland' };
