/**
 * AWS commercial regions and the letters of their availability zones, as AWS lists them for
 * new accounts (late 2025). Used offline to validate `--region` and `--azs`; when credentials
 * are present, later checks ask AWS itself.
 */
export const REGION_AZ_LETTERS: Readonly<Record<string, string>> = {
  'us-east-1': 'abcdef',
  'us-east-2': 'abc',
  'us-west-1': 'abc',
  'us-west-2': 'abcd',
  'ca-central-1': 'abd',
  'ca-west-1': 'abc',
  'mx-central-1': 'abc',
  'sa-east-1': 'abc',
  'eu-west-1': 'abc',
  'eu-west-2': 'abc',
  'eu-west-3': 'abc',
  'eu-central-1': 'abc',
  'eu-central-2': 'abc',
  'eu-north-1': 'abc',
  'eu-south-1': 'abc',
  'eu-south-2': 'abc',
  'ap-northeast-1': 'acd',
  'ap-northeast-2': 'abcd',
  'ap-northeast-3': 'abc',
  'ap-southeast-1': 'abc',
  'ap-southeast-2': 'abc',
  'ap-southeast-3': 'abc',
  'ap-southeast-4': 'abc',
  'ap-southeast-5': 'abc',
  'ap-southeast-7': 'abc',
  'ap-south-1': 'abc',
  'ap-south-2': 'abc',
  'ap-east-1': 'abc',
  'ap-east-2': 'abc',
  'me-south-1': 'abc',
  'me-central-1': 'abc',
  'il-central-1': 'abc',
  'af-south-1': 'abc',
};

/** The region net-wizard uses when none is given (the tutorial's). */
export const DEFAULT_REGION = 'ap-northeast-1';

/** Every known region name. */
export function knownRegions(): string[] {
  return Object.keys(REGION_AZ_LETTERS);
}

/** The AZ names of a region, e.g. ap-northeast-1a, ap-northeast-1c, ap-northeast-1d. */
export function regionAzs(region: string): string[] {
  return [...(REGION_AZ_LETTERS[region] ?? '')].map((letter) => `${region}${letter}`);
}

/** The two AZs a network gets when none are chosen: the first two of the region. */
export function defaultAzs(region: string): string[] {
  return regionAzs(region).slice(0, 2);
}

/** The letter that names an AZ in resource names (the tutorial's `substr(az, -1, 1)`). */
export function azLetter(az: string): string {
  return az.slice(-1);
}
