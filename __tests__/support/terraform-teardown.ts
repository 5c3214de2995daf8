/** jest globalTeardown: removes the plugin cache global setup made (support/terraform-setup.ts). */
export { globalTeardown as default } from './terraform-setup';
