export {
  DEMO_SITES,
  createRandom,
  demoRegistrations,
  generateDemoRegistrations,
  type DemoDataOptions,
  type DemoRegistration,
  type DemoSite,
  type DemoSiteRef,
  type Random,
} from './demo-data.js';
