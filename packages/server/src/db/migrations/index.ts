import foundation from './0001_foundation';
import monitoring from './0002_monitoring';
import donorSearch from './0003_donor_search';
import cells from './0004_cells';
import donorCollections from './0005_donor_collections';
import productLab from './0006_product_lab';
import manufacturing from './0007_manufacturing';
import conditioning from './0008_conditioning';
import infusion from './0009_infusion';
import centreSettings from './0010_centre_settings';
import patientSearchOrder from './0011_patient_search_order';
import episodeClosureAlertAcks from './0013_episode_closure_alert_acks';
import labImportStaging from './0014_lab_import_staging';
import patientHlaTypings from './0015_patient_hla_typings';
import accountAdministration from './0016_account_administration';
import dinUniquePerCentre from './0017_din_unique_per_centre';
import frequencySets from './0018_frequency_sets';
import fhirApi from './0019_fhir_api';
import hl7Inbound from './0020_hl7_inbound';
import familyWorkup from './0021_family_workup';
import registrySubmissions from './0022_registry_submissions';
import conditioningAdministrations from './0024_conditioning_administrations';
import familyKirDeletionRecipientCmv from './0025_family_kir_deletion_recipient_cmv';

/** Versioned migrations, applied in order and never edited once released: add a new file instead. */
export const MIGRATIONS: readonly { version: string; sql: string }[] = [
  { version: '0001_foundation', sql: foundation },
  { version: '0002_monitoring', sql: monitoring },
  { version: '0003_donor_search', sql: donorSearch },
  { version: '0004_cells', sql: cells },
  { version: '0005_donor_collections', sql: donorCollections },
  { version: '0006_product_lab', sql: productLab },
  { version: '0007_manufacturing', sql: manufacturing },
  { version: '0008_conditioning', sql: conditioning },
  { version: '0009_infusion', sql: infusion },
  { version: '0010_centre_settings', sql: centreSettings },
  { version: '0011_patient_search_order', sql: patientSearchOrder },
  { version: '0013_episode_closure_alert_acks', sql: episodeClosureAlertAcks },
  { version: '0014_lab_import_staging', sql: labImportStaging },
  { version: '0015_patient_hla_typings', sql: patientHlaTypings },
  { version: '0016_account_administration', sql: accountAdministration },
  { version: '0017_din_unique_per_centre', sql: dinUniquePerCentre },
  { version: '0018_frequency_sets', sql: frequencySets },
  { version: '0019_fhir_api', sql: fhirApi },
  { version: '0020_hl7_inbound', sql: hl7Inbound },
  { version: '0021_family_workup', sql: familyWorkup },
  { version: '0022_registry_submissions', sql: registrySubmissions },
  { version: '0024_conditioning_administrations', sql: conditioningAdministrations },
  { version: '0025_family_kir_deletion_recipient_cmv', sql: familyKirDeletionRecipientCmv },
];
