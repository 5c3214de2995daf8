/** Every service name of the catalogue, for tests that must hold for all of them. */
import services from '../../src/catalogue/services.json';

export const CATALOGUE_SERVICE_NAMES: readonly string[] = Object.keys(services.services).sort();
