import type { InstanceSettingsOutputDTO, PublicSettingsOutputDTO } from '../../settings/dto/settings.dto';
import type { V1SettingsDTO } from './v1-settings.dto';

/** Instance settings (and the switches the sign-in page sees) → seed 001's snake_case reply. */
export function toSettings(s: InstanceSettingsOutputDTO, p: PublicSettingsOutputDTO): V1SettingsDTO {
  return {
    registration_enabled: s.registrationEnabled,
    registration_email_domains: s.registrationEmailDomains,
    organization_creation: p.domainCreation,
    password_reset_enabled: p.passwordResetEnabled,
    updated_at: new Date(s.updatedAt).toISOString(),
    updated_by: s.updatedBy,
  };
}
