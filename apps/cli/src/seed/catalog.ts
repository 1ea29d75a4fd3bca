/** A department of the generated company: its weight in headcount and its job ladder. */
export interface DepartmentSpec {
  name: string;
  /** Relative headcount. */
  weight: number;
  /** The department head, reporting to the CEO. */
  head: string;
  /** People managers below the head: a manager of managers, then a first-line manager. */
  director: string;
  manager: string;
  /** Individual contributors, most common first. */
  roles: readonly string[];
  costCenter: string;
}

/**
 * Departments in the order a growing company adds them: a 10-person seed gets the first few,
 * a 100k-person seed all of them.
 */
export const DEPARTMENTS: readonly DepartmentSpec[] = [
  {
    name: 'Engineering',
    weight: 26,
    head: 'Chief Technology Officer',
    director: 'Director of Engineering',
    manager: 'Engineering Manager',
    roles: [
      'Software Engineer',
      'Senior Software Engineer',
      'Staff Engineer',
      'QA Engineer',
      'Site Reliability Engineer',
    ],
    costCenter: 'CC-1100',
  },
  {
    name: 'Sales',
    weight: 18,
    head: 'Chief Revenue Officer',
    director: 'Regional Sales Director',
    manager: 'Sales Manager',
    roles: [
      'Account Executive',
      'Sales Development Representative',
      'Senior Account Executive',
      'Solutions Engineer',
    ],
    costCenter: 'CC-2100',
  },
  {
    name: 'Customer Success',
    weight: 10,
    head: 'VP Customer Success',
    director: 'Director of Customer Success',
    manager: 'Support Team Lead',
    roles: ['Customer Success Manager', 'Support Engineer', 'Technical Account Manager'],
    costCenter: 'CC-2200',
  },
  {
    name: 'Marketing',
    weight: 8,
    head: 'Chief Marketing Officer',
    director: 'Director of Marketing',
    manager: 'Marketing Manager',
    roles: ['Content Marketer', 'Product Marketing Manager', 'Growth Marketer', 'Designer'],
    costCenter: 'CC-2300',
  },
  {
    name: 'Finance',
    weight: 6,
    head: 'Chief Financial Officer',
    director: 'Financial Controller',
    manager: 'Finance Manager',
    roles: ['Accountant', 'Financial Analyst', 'Payroll Specialist'],
    costCenter: 'CC-3100',
  },
  {
    name: 'Human Resources',
    weight: 5,
    head: 'Chief People Officer',
    director: 'Director of People',
    manager: 'HR Manager',
    roles: ['HR Business Partner', 'Recruiter', 'People Operations Specialist'],
    costCenter: 'CC-3200',
  },
  {
    name: 'Product',
    weight: 6,
    head: 'Chief Product Officer',
    director: 'Director of Product',
    manager: 'Group Product Manager',
    roles: ['Product Manager', 'Senior Product Manager', 'UX Researcher', 'Product Designer'],
    costCenter: 'CC-1200',
  },
  {
    name: 'Operations',
    weight: 7,
    head: 'Chief Operating Officer',
    director: 'Director of Operations',
    manager: 'Operations Manager',
    roles: ['Operations Analyst', 'Logistics Coordinator', 'Procurement Specialist'],
    costCenter: 'CC-4100',
  },
  {
    name: 'IT',
    weight: 5,
    head: 'Chief Information Officer',
    director: 'Director of IT',
    manager: 'IT Manager',
    roles: ['IT Support Specialist', 'Systems Administrator', 'Identity Engineer', 'Security Analyst'],
    costCenter: 'CC-4200',
  },
  {
    name: 'Legal',
    weight: 3,
    head: 'General Counsel',
    director: 'Associate General Counsel',
    manager: 'Legal Operations Manager',
    roles: ['Corporate Counsel', 'Paralegal', 'Compliance Analyst'],
    costCenter: 'CC-3300',
  },
  {
    name: 'Data',
    weight: 4,
    head: 'Chief Data Officer',
    director: 'Director of Data',
    manager: 'Data Science Manager',
    roles: ['Data Scientist', 'Data Engineer', 'Analytics Engineer'],
    costCenter: 'CC-1300',
  },
  {
    name: 'Facilities',
    weight: 2,
    head: 'VP Workplace',
    director: 'Director of Workplace',
    manager: 'Facilities Manager',
    roles: ['Facilities Coordinator', 'Office Manager', 'Receptionist'],
    costCenter: 'CC-4300',
  },
];

/** Codenames for project groups; numbered once they run out. */
export const PROJECT_CODENAMES: readonly string[] = [
  'Phoenix',
  'Atlas',
  'Orion',
  'Helios',
  'Nimbus',
  'Polaris',
  'Zephyr',
  'Aurora',
  'Titan',
  'Vega',
  'Mercury',
  'Apollo',
  'Cascade',
  'Everest',
  'Falcon',
  'Galileo',
  'Horizon',
  'Ion',
  'Juniper',
  'Kestrel',
  'Lumen',
  'Meridian',
  'Nova',
  'Onyx',
  'Pegasus',
  'Quasar',
  'Raven',
  'Sierra',
  'Tundra',
  'Umbra',
];

/** The country of a locale's region (`de_AT` → AT), or of its language when it names none. */
const LANGUAGE_COUNTRY: Record<string, string> = {
  en: 'US',
  de: 'DE',
  fr: 'FR',
  es: 'ES',
  it: 'IT',
  nl: 'NL',
  pt: 'PT',
  sv: 'SE',
  da: 'DK',
  nb: 'NO',
  fi: 'FI',
  pl: 'PL',
  cs: 'CZ',
  sk: 'SK',
  hu: 'HU',
  ro: 'RO',
  el: 'GR',
  tr: 'TR',
  ru: 'RU',
  uk: 'UA',
  ja: 'JP',
  ko: 'KR',
  zh: 'CN',
  vi: 'VN',
  th: 'TH',
  id: 'ID',
  he: 'IL',
  ar: 'SA',
  fa: 'IR',
  hr: 'HR',
  lv: 'LV',
  lt: 'LT',
  af: 'ZA',
  az: 'AZ',
  ka: 'GE',
  hy: 'AM',
  mk: 'MK',
  sr: 'RS',
  eo: 'US',
  ur: 'PK',
};

/** `de_AT` → `AT`, `de` → `DE`; `undefined` when the table does not know the language. */
export function countryOfLocale(locale: string): string | undefined {
  const [language, region] = locale.split('_');
  if (region !== undefined && /^[A-Z]{2}$/.test(region)) return region;
  return language === undefined ? undefined : LANGUAGE_COUNTRY[language];
}
