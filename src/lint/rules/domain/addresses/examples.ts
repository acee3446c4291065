/** The address rules' examples: the domain documents all domain rules share. */
export { domainXml, type ExampleDomain } from '../examples.js';
