/* eslint-disable */
// Generated from openapi.json by `npm run openapi` (scripts/generate-client.mjs). Do not edit.

export interface paths {
    "/admin/auditlog/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Export the audit log of every domain (CSV or JSON)
         * @description Newest first, at most 1,000,000 rows (more: 400, narrow the filters); rows carry domainId and domainName. CSV cells that a spreadsheet would run as a formula start with a quote.
         *
         *     Instance administrators only.
         */
        post: operations["AdminAuditLogControllerExport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/auditlog/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Instance administrators only. */
        post: operations["AdminAuditLogControllerSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Instance administrators only. */
        get: operations["SettingsControllerGet"];
        /** @description Instance administrators only. */
        put: operations["SettingsControllerUpdate"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agent/install.sh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Public: no credentials needed. */
        get: operations["AgentRegisterControllerInstallScript"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agent/outpost-agent.cjs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Public: no credentials needed. */
        get: operations["AgentRegisterControllerAgentBundle"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/agent/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Public: no credentials needed. */
        post: operations["AgentRegisterControllerRegister"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alert/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `alerts.read` in the selected domain. */
        get: operations["AlertControllerGet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alert/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * @description Marks the alert seen (it leaves the unread count); notifies nobody. A reopened alert needs acknowledging again.
         *
         *     A user session or an API token. Needs permission `alerts.read` in the selected domain.
         */
        post: operations["AlertControllerAcknowledge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alert/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * @description Resolves a firing alert by hand (notifies integrations). If its condition still holds, the next trigger reopens it.
         *
         *     A user session or an API token. Needs permission `alerts.manage` in the selected domain.
         */
        post: operations["AlertControllerResolve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alert/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * @description Default sort: firedAt, newest first. `filters.acknowledged` finds unacknowledged ones.
         *
         *     A user session or an API token. Needs permission `alerts.read` in the selected domain.
         */
        post: operations["AlertControllerSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alert/unread": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * @description Firing alerts nobody acknowledged (the bell)
         *
         *     A user session or an API token. Needs permission `alerts.read` in the selected domain.
         */
        get: operations["AlertControllerUnread"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alertrule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * @description Flap control, per rule and subject: while an alert is firing, new triggers only raise `triggerCount` and `lastTriggeredAt` (no notification). A trigger within `cooldownMinutes` after the alert resolved reopens the same alert (firing again, `triggerCount` + 1, acknowledgement cleared); an `alert.changed` notification goes out only when the last one for this alert is older than the cooldown. A resolution is notified when the last notification said "firing". A change held back by the cooldown is sent by the evaluator once the cooldown has passed, if the alert is then in a state other than the one last notified. So a crash loop of 20 crashes in two minutes sends one "firing" notification (and at most one "resolved" if the server ran in between).
         *
         *     A user session or an API token. Needs permission `alerts.manage` in the selected domain.
         */
        post: operations["AlertRuleControllerCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alertrule/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `alerts.read` in the selected domain. */
        get: operations["AlertRuleControllerGet"];
        /** @description A user session or an API token. Needs permission `alerts.manage` in the selected domain. */
        put: operations["AlertRuleControllerUpdate"];
        post?: never;
        /**
         * @description Deletes the rule and its alerts
         *
         *     A user session or an API token. Needs permission `alerts.manage` in the selected domain.
         */
        delete: operations["AlertRuleControllerRemove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alertrule/defaults": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * @description Creates the recommended rules (server.crashed, server.crash_loop, server.oom, server.install_failed, node.offline, backup.failed), each only if the domain has no rule of that kind yet; calling it again creates nothing.
         *
         *     A user session or an API token. Needs permission `alerts.manage` in the selected domain.
         */
        post: operations["AlertRuleControllerDefaults"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/alertrule/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `alerts.read` in the selected domain. */
        post: operations["AlertRuleControllerSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/getInstance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * One instance by Id (or ContainerId)
         * @description A user session or an API token. Needs permission `gameserver.read` in the selected domain.
         */
        post: operations["SkyportControllerGetInstance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/getUser": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A member of the domain by email or username
         * @description A user session or an API token. Needs permission `members.read` in the selected domain.
         */
        post: operations["SkyportControllerGetUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/getUserInstance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The instances a member owns
         * @description A user session or an API token. Needs permission `gameserver.read` in the selected domain.
         */
        post: operations["SkyportControllerGetUserInstance"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/images": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Images the domain's workloads offer (deployable); with nodes.read also images present only on its nodes
         * @description A user session or an API token. Needs permission `workloads.read` in the selected domain.
         */
        get: operations["SkyportControllerImages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/instance/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Deletes an instance (its container and data)
         * @description A user session or an API token. Needs permission `gameserver.manage` in the selected domain.
         */
        delete: operations["SkyportControllerDeleteInstance"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/instances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The domain's game servers in Skyport's instance shape
         * @description A user session or an API token. Needs permission `gameserver.read` in the selected domain.
         */
        get: operations["SkyportControllerInstances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/instances/deploy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Creates a game server on the node from the workload offering the image, with the given memory, CPU and ports, and starts it (also needs gameserver.control)
         * @description A user session or an API token. Needs permission `gameserver.create` in the selected domain.
         */
        post: operations["SkyportControllerDeploy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/nodes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The domain's nodes (ram/disk in GB, processor in cores)
         * @description A user session or an API token. Needs permission `nodes.read` in the selected domain.
         */
        get: operations["SkyportControllerNodes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/nodes/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Creates a node (ram/disk GB → MiB, processor cores → cpuPercent); the reply carries the agent configure command
         * @description A user session or an API token. Needs permission `nodes.manage` in the selected domain.
         */
        post: operations["SkyportControllerCreateNode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/nodes/delete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Deletes a node without game servers
         * @description A user session or an API token. Needs permission `nodes.manage` in the selected domain.
         */
        delete: operations["SkyportControllerDeleteNode"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The members of the key's domain (never password hashes)
         * @description A user session or an API token. Needs permission `members.read` in the selected domain.
         */
        get: operations["SkyportControllerUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Creates a user and their membership in the key's domain (admin: true = the domain's Admin role)
         * @description A user session or an API token. Needs permission `members.manage` in the selected domain.
         */
        post: operations["SkyportControllerCreateUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/apitoken": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A signed-in user's session; API tokens are refused. Needs permission `apitokens.manage` in the selected domain. */
        post: operations["ApiTokenControllerCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/apitoken/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `apitokens.manage` in the selected domain. */
        get: operations["ApiTokenControllerGet"];
        /** @description A user session or an API token. Needs permission `apitokens.manage` in the selected domain. */
        put: operations["ApiTokenControllerUpdate"];
        post?: never;
        /** @description A user session or an API token. Needs permission `apitokens.manage` in the selected domain. */
        delete: operations["ApiTokenControllerRemove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/apitoken/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `apitokens.manage` in the selected domain. */
        post: operations["ApiTokenControllerSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auditlog/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `auditlog.read` in the selected domain. */
        get: operations["AuditLogControllerGet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auditlog/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Export the audit log (CSV or JSON)
         * @description Newest first, at most 1,000,000 rows (more: 400, narrow the filters). CSV cells that a spreadsheet would run as a formula start with a quote. scope 'instance' (instance administrators only) exports every domain.
         *
         *     A user session or an API token. Needs permission `auditlog.read` in the selected domain.
         */
        post: operations["AuditLogControllerExport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auditlog/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `auditlog.read` in the selected domain. */
        post: operations["AuditLogControllerSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/bootstrap": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Public: no credentials needed. */
        post: operations["AuthControllerBootstrap"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/bootstrap/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Public: no credentials needed. */
        get: operations["AuthControllerBootstrapStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/forgot-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Public: no credentials needed. */
        post: operations["AuthControllerForgotPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A signed-in user's session; API tokens are refused. */
        post: operations["AuthControllerMfaConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A signed-in user's session; API tokens are refused. */
        post: operations["AuthControllerMfaDisable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/enroll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A signed-in user's session; API tokens are refused. */
        post: operations["AuthControllerMfaEnroll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. */
        get: operations["AuthControllerMfaStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/mfa/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Public: no credentials needed. */
        post: operations["AuthControllerVerifyMfa"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Public: no credentials needed. */
        post: operations["AuthControllerRefresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Public: no credentials needed. */
        post: operations["AuthControllerRegister"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/reset-password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Public: no credentials needed. */
        post: operations["AuthControllerResetPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `backups.manage` in the selected domain. */
        post: operations["BackupControllerCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backup-config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `backups.manage` in the selected domain. */
        post: operations["BackupConfigControllerCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backup-config/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `backups.read` in the selected domain. */
        get: operations["BackupConfigControllerGet"];
        /** @description A user session or an API token. Needs permission `backups.manage` in the selected domain. */
        put: operations["BackupConfigControllerUpdate"];
        post?: never;
        /** @description A user session or an API token. Needs permission `backups.manage` in the selected domain. */
        delete: operations["BackupConfigControllerRemove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backup-config/{id}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `backups.manage` in the selected domain. */
        post: operations["BackupConfigControllerActivate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backup-config/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `backups.manage` in the selected domain. */
        post: operations["BackupConfigControllerTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backup-config/active": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `backups.read` in the selected domain. */
        get: operations["BackupConfigControllerActive"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backup-config/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `backups.read` in the selected domain. */
        post: operations["BackupConfigControllerSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backup/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `backups.read` in the selected domain. */
        get: operations["BackupControllerGet"];
        put?: never;
        post?: never;
        /** @description A user session or an API token. Needs permission `backups.manage` in the selected domain. */
        delete: operations["BackupControllerRemove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backup/{id}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `backups.manage` in the selected domain. */
        post: operations["BackupControllerDownloadLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backup/{id}/lock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `backups.manage` in the selected domain. */
        post: operations["BackupControllerLock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backup/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `backups.manage` in the selected domain. */
        post: operations["BackupControllerRestore"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backup/{id}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `backups.manage` in the selected domain. */
        post: operations["BackupControllerUnlock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backup/download/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a backup archive through a one-use link
         * @description Used, expired or unknown links answer 404.
         *
         *     Public: no credentials needed.
         */
        get: operations["BackupControllerDownload"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backup/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `backups.read` in the selected domain. */
        post: operations["BackupControllerSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/domain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A signed-in user's session; API tokens are refused. */
        post: operations["DomainControllerCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/domain/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. */
        get: operations["DomainControllerGet"];
        /** @description A user session or an API token. */
        put: operations["DomainControllerUpdate"];
        post?: never;
        /** @description A signed-in user's session; API tokens are refused. */
        delete: operations["DomainControllerRemove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/domain/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. */
        post: operations["DomainControllerSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `gameserver.create` in the selected domain. */
        post: operations["GameServerControllerCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `gameserver.read` in the selected domain. */
        get: operations["GameServerControllerGet"];
        /** @description A user session or an API token. Needs permission `gameserver.manage` in the selected domain. */
        put: operations["GameServerControllerUpdate"];
        post?: never;
        /** @description A user session or an API token. Needs permission `gameserver.manage` in the selected domain. */
        delete: operations["GameServerControllerRemove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/allocations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `gameserver.read` in the selected domain. */
        get: operations["AllocationControllerListAllocations"];
        put?: never;
        /** @description A user session or an API token. Needs permission `gameserver.manage` in the selected domain. */
        post: operations["AllocationControllerAddAllocation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/allocations/{allocationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** @description A user session or an API token. Needs permission `gameserver.manage` in the selected domain. */
        put: operations["AllocationControllerUpdateAllocation"];
        post?: never;
        /** @description A user session or an API token. Needs permission `gameserver.manage` in the selected domain. */
        delete: operations["AllocationControllerRemoveAllocation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/allocations/{allocationId}/primary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `gameserver.manage` in the selected domain. */
        post: operations["AllocationControllerMakeAllocationPrimary"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/command": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `gameserver.console` in the selected domain. */
        post: operations["GameServerControllerCommand"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/console-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `gameserver.read` in the selected domain. */
        post: operations["ConsoleControllerConsoleToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `files.read` in the selected domain. */
        get: operations["FilesControllerList"];
        put?: never;
        post?: never;
        /** @description A user session or an API token. Needs permission `files.write` in the selected domain. */
        delete: operations["FilesControllerRemove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/files/chmod": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `files.write` in the selected domain. */
        post: operations["FilesControllerChmod"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/files/compress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `files.write` in the selected domain. */
        post: operations["FilesControllerCompress"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/files/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `files.read` in the selected domain. */
        get: operations["FilesControllerRead"];
        /** @description A user session or an API token. Needs permission `files.write` in the selected domain. */
        put: operations["FilesControllerWrite"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/files/copy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `files.write` in the selected domain. */
        post: operations["FilesControllerCopy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/files/decompress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `files.write` in the selected domain. */
        post: operations["FilesControllerDecompress"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/files/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `files.read` in the selected domain. */
        get: operations["FilesControllerDownload"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/files/download-zip": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `files.read` in the selected domain. */
        get: operations["FilesControllerDownloadZip"];
        put?: never;
        /** @description A user session or an API token. Needs permission `files.read` in the selected domain. */
        post: operations["FilesControllerDownloadZipPost"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/files/mkdir": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `files.write` in the selected domain. */
        post: operations["FilesControllerMkdir"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/files/rename": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `files.write` in the selected domain. */
        post: operations["FilesControllerRename"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/files/stat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `files.read` in the selected domain. */
        get: operations["FilesControllerStat"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/files/tus": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `files.write` in the selected domain. */
        post: operations["TusControllerCreate"];
        delete?: never;
        /** @description A user session or an API token. Needs permission `files.write` in the selected domain. */
        options: operations["TusControllerOptions"];
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/files/tus/{uploadId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** @description A user session or an API token. Needs permission `files.write` in the selected domain. */
        delete: operations["TusControllerTerminate"];
        options?: never;
        /** @description A user session or an API token. Needs permission `files.write` in the selected domain. */
        head: operations["TusControllerHead"];
        /** @description A user session or an API token. Needs permission `files.write` in the selected domain. */
        patch: operations["TusControllerPatch"];
        trace?: never;
    };
    "/gameserver/{id}/files/upload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `files.write` in the selected domain. */
        post: operations["FilesControllerUpload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/files/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `files.read` in the selected domain. */
        get: operations["FilesControllerUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/git": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The server's git deploy configuration (null: none) and its last sync
         * @description A user session or an API token. Needs permission `gameserver.read` in the selected domain.
         */
        get: operations["DeployControllerGet"];
        /**
         * Create or replace the git deploy configuration of the server
         * @description A user session or an API token. Needs permission `deploy.manage` in the selected domain.
         */
        put: operations["DeployControllerPut"];
        post?: never;
        /** @description A user session or an API token. Needs permission `deploy.manage` in the selected domain. */
        delete: operations["DeployControllerRemove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/git/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sync the server from its repository now
         * @description A user session or an API token. Needs permission `deploy.manage` in the selected domain.
         */
        post: operations["DeployControllerSync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/git/syncs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The last 100 syncs of the server, newest first
         * @description A user session or an API token. Needs permission `gameserver.read` in the selected domain.
         */
        get: operations["DeployControllerHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/install-logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `gameserver.read` in the selected domain. */
        get: operations["GameServerControllerInstallLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/kill": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `gameserver.control` in the selected domain. */
        post: operations["GameServerControllerKill"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `gameserver.read` in the selected domain. */
        get: operations["ConsoleControllerLogs"];
        put?: never;
        post?: never;
        /** @description A user session or an API token. Needs permission `gameserver.manage` in the selected domain. */
        delete: operations["ConsoleControllerClear"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/logs/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `gameserver.read` in the selected domain. */
        get: operations["ConsoleControllerDownload"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `gameserver.read` in the selected domain. */
        get: operations["GameServerControllerMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/power": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `gameserver.control` in the selected domain. */
        post: operations["GameServerControllerPowerAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/reinstall": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `gameserver.manage` in the selected domain. */
        post: operations["GameServerControllerReinstall"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/restart": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `gameserver.control` in the selected domain. */
        post: operations["GameServerControllerRestart"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `gameserver.control` in the selected domain. */
        post: operations["GameServerControllerStart"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/startup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `gameserver.read` in the selected domain. */
        get: operations["StartupControllerGetStartup"];
        /** @description A user session or an API token. Needs permission `gameserver.manage` in the selected domain. */
        put: operations["StartupControllerUpdateStartup"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/startup/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `gameserver.manage` in the selected domain. */
        post: operations["StartupControllerResetStartup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `gameserver.read` in the selected domain. */
        get: operations["GameServerControllerStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `gameserver.control` in the selected domain. */
        post: operations["GameServerControllerStop"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/{id}/transfer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `gameserver.manage` in the selected domain. */
        post: operations["ServerTransferControllerTransfer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/gameserver/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `gameserver.read` in the selected domain. */
        post: operations["GameServerControllerSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Public: no credentials needed. */
        get: operations["HealthControllerHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/detailed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Operators: an instance administrator, or the METRICS_TOKEN bearer when one is configured. */
        get: operations["HealthControllerDetailed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Public: no credentials needed. */
        get: operations["HealthControllerLive"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Public: no credentials needed. */
        get: operations["HealthControllerReady"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Public: no credentials needed. */
        get: operations["HealthControllerHealthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/import/pterodactyl/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import panel servers onto a node (dryRun: report only): templates from their eggs, game servers with their limits, variables and ports
         * @description A user session or an API token. Needs permission `gameserver.manage` in the selected domain.
         */
        post: operations["PterodactylImportControllerImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/import/pterodactyl/servers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The panel's servers (one page, or every page up to 20), each with the game server it was imported as
         * @description A user session or an API token. Needs permission `gameserver.manage` in the selected domain.
         */
        post: operations["PterodactylImportControllerServers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/import/pterodactyl/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check that the panel answers and takes the API key
         * @description A user session or an API token. Needs permission `gameserver.manage` in the selected domain.
         */
        post: operations["PterodactylImportControllerValidate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/integration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * @description A webhook integration answers with its signing secret, this once.
         *
         *     A user session or an API token. Needs permission `integrations.manage` in the selected domain.
         */
        post: operations["IntegrationControllerCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/integration/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `integrations.manage` in the selected domain. */
        get: operations["IntegrationControllerGet"];
        /** @description A user session or an API token. Needs permission `integrations.manage` in the selected domain. */
        put: operations["IntegrationControllerUpdate"];
        post?: never;
        /** @description A user session or an API token. Needs permission `integrations.manage` in the selected domain. */
        delete: operations["IntegrationControllerRemove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/integration/{id}/deliveries/{deliveryId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `integrations.manage` in the selected domain. */
        post: operations["IntegrationControllerRetry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/integration/{id}/deliveries/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `integrations.manage` in the selected domain. */
        post: operations["IntegrationControllerDeliveries"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/integration/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `integrations.manage` in the selected domain. */
        post: operations["IntegrationControllerRotateSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/integration/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `integrations.manage` in the selected domain. */
        post: operations["IntegrationControllerTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/integration/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `integrations.manage` in the selected domain. */
        post: operations["IntegrationControllerSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Public: no credentials needed. */
        post: operations["AuthControllerLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A signed-in user's session; API tokens are refused. */
        post: operations["AuthControllerLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. */
        get: operations["AuthControllerMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A signed-in user's session; API tokens are refused. */
        get: operations["AuthControllerSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** @description A signed-in user's session; API tokens are refused. */
        delete: operations["AuthControllerEndSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/membership": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `members.manage` in the selected domain. */
        post: operations["MembershipControllerCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/membership/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `members.read` in the selected domain. */
        get: operations["MembershipControllerGet"];
        /** @description A user session or an API token. Needs permission `members.manage` in the selected domain. */
        put: operations["MembershipControllerUpdate"];
        post?: never;
        /** @description A user session or an API token. Needs permission `members.manage` in the selected domain. */
        delete: operations["MembershipControllerRemove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/membership/{id}/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `members.read` in the selected domain. */
        get: operations["MembershipControllerPermissions"];
        /** @description A user session or an API token. Needs permission `members.manage` in the selected domain. */
        put: operations["MembershipControllerSetPermissions"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/membership/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A signed-in user's session; API tokens are refused. */
        post: operations["MembershipControllerAccept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/membership/invite/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Public: no credentials needed. */
        get: operations["MembershipControllerPreview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/membership/invite/{token}/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Public: no credentials needed. */
        post: operations["MembershipControllerRegister"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/membership/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `members.read` in the selected domain. */
        post: operations["MembershipControllerSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/node": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `nodes.manage` in the selected domain. */
        post: operations["NodeControllerCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/node/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `nodes.read` in the selected domain. */
        get: operations["NodeControllerGet"];
        /** @description A user session or an API token. Needs permission `nodes.manage` in the selected domain. */
        put: operations["NodeControllerUpdate"];
        post?: never;
        /** @description A user session or an API token. Needs permission `nodes.manage` in the selected domain. */
        delete: operations["NodeControllerRemove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/node/{id}/containers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `nodes.manage` in the selected domain. */
        get: operations["NodeControllerContainers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/node/{id}/containers/{containerId}/{action}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `nodes.manage` in the selected domain. */
        post: operations["NodeControllerContainerAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/node/{id}/containers/{containerId}/logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `nodes.manage` in the selected domain. */
        get: operations["NodeControllerContainerLogs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/node/{id}/cordon": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `nodes.manage` in the selected domain. */
        post: operations["NodeControllerCordon"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/node/{id}/drain": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `nodes.manage` in the selected domain. */
        post: operations["NodeControllerDrain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/node/{id}/inventory": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `nodes.read` in the selected domain. */
        get: operations["NodeControllerInventory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/node/{id}/inventory/containers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `nodes.read` in the selected domain. */
        get: operations["NodeControllerInventoryContainers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/node/{id}/inventory/disks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `nodes.read` in the selected domain. */
        get: operations["NodeControllerInventoryDisks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/node/{id}/inventory/network": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `nodes.read` in the selected domain. */
        get: operations["NodeControllerInventoryNetwork"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/node/{id}/inventory/processes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `nodes.manage` in the selected domain. */
        get: operations["NodeControllerInventoryProcesses"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/node/{id}/inventory/system": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `nodes.read` in the selected domain. */
        get: operations["NodeControllerInventorySystem"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/node/{id}/inventory/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `nodes.manage` in the selected domain. */
        get: operations["NodeControllerInventoryUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/node/{id}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `nodes.read` in the selected domain. */
        get: operations["NodeControllerMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/node/{id}/register-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `nodes.manage` in the selected domain. */
        post: operations["NodeControllerRegisterToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/node/{id}/uncordon": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `nodes.manage` in the selected domain. */
        post: operations["NodeControllerUncordon"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/node/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `nodes.read` in the selected domain. */
        post: operations["NodeControllerSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. */
        get: operations["AuthControllerPermissions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/planner/suggest-fit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `gameserver.create` in the selected domain. */
        post: operations["PlannerControllerSuggestFit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Public: no credentials needed. */
        get: operations["V1HealthControllerReady"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Public: no credentials needed. */
        get: operations["HealthControllerReadyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `roles.manage` in the selected domain. */
        post: operations["RoleControllerCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/role/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `members.read` in the selected domain. */
        get: operations["RoleControllerGet"];
        /** @description A user session or an API token. Needs permission `roles.manage` in the selected domain. */
        put: operations["RoleControllerUpdate"];
        post?: never;
        /** @description A user session or an API token. Needs permission `roles.manage` in the selected domain. */
        delete: operations["RoleControllerRemove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/role/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `members.read` in the selected domain. */
        post: operations["RoleControllerSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * @description Each task also needs the permission doing it by hand needs (power: gameserver.control, command: gameserver.console, backup: backups.manage); otherwise 403 naming it. Missed runs: a schedule that came due while no API process was up runs once when the API is back, as a `catch_up` run (never once per missed slot); its next time is then computed from that moment. With several API processes each due time runs exactly once.
         *
         *     A user session or an API token. Needs permission `schedules.manage` in the selected domain.
         */
        post: operations["ScheduleControllerCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schedule-run/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `schedules.read` in the selected domain. */
        post: operations["ScheduleRunControllerSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schedule/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `schedules.read` in the selected domain. */
        get: operations["ScheduleControllerGet"];
        /**
         * @description Each task also needs the permission doing it by hand needs (power: gameserver.control, command: gameserver.console, backup: backups.manage); otherwise 403 naming it.
         *
         *     A user session or an API token. Needs permission `schedules.manage` in the selected domain.
         */
        put: operations["ScheduleControllerUpdate"];
        post?: never;
        /** @description A user session or an API token. Needs permission `schedules.manage` in the selected domain. */
        delete: operations["ScheduleControllerRemove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schedule/{id}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * @description A manual run, not counted against the cron slots. Each task also needs the permission doing it by hand needs (power: gameserver.control, command: gameserver.console, backup: backups.manage); otherwise 403 naming it.
         *
         *     A user session or an API token. Needs permission `schedules.manage` in the selected domain.
         */
        post: operations["ScheduleControllerRun"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/schedule/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `schedules.read` in the selected domain. */
        post: operations["ScheduleControllerSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/selected-domain/{domainId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. */
        post: operations["AuthControllerSelectDomain"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Public: no credentials needed. */
        get: operations["SettingsControllerPublicSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `members.manage` in the selected domain. */
        post: operations["UserControllerCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `members.read` in the selected domain. */
        get: operations["UserControllerGet"];
        /** @description A signed-in user's session; API tokens are refused. Needs permission `members.read` in the selected domain. */
        put: operations["UserControllerUpdate"];
        post?: never;
        /** @description A user session or an API token. Needs permission `members.manage` in the selected domain. */
        delete: operations["UserControllerRemove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/{id}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Instance administrators only. */
        post: operations["UserControllerSuspend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/{id}/unsuspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Instance administrators only. */
        post: operations["UserControllerUnsuspend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/user/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `members.read` in the selected domain. */
        post: operations["UserControllerSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: Billing is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetAdminPlans"];
        put?: never;
        /**
         * Not available on Outpost: Billing is not available on this server
         * @description Public: no credentials needed.
         */
        post: operations["V1UnsupportedControllerPostAdminPlans"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/plans/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Not available on Outpost: Billing is not available on this server
         * @description Public: no credentials needed.
         */
        put: operations["V1UnsupportedControllerPutAdminPlansId"];
        post?: never;
        /**
         * Not available on Outpost: Billing is not available on this server
         * @description Public: no credentials needed.
         */
        delete: operations["V1UnsupportedControllerDeleteAdminPlansId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: Billing is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetAdminSubscriptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/subscriptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Not available on Outpost: Billing is not available on this server
         * @description Public: no credentials needed.
         */
        put: operations["V1UnsupportedControllerPutAdminSubscriptionsId"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organization's API tokens (never their secrets)
         * @description A user session or an API token. Needs permission `apitokens.manage` in the selected domain.
         */
        get: operations["V1UsersControllerListTokens"];
        put?: never;
        /**
         * Creates an API token (expires_in seconds); the token starts with outpost_ and is shown once
         * @description A signed-in user's session; API tokens are refused. Needs permission `apitokens.manage` in the selected domain.
         */
        post: operations["V1UsersControllerCreateToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revokes the token at once
         * @description A user session or an API token. Needs permission `apitokens.manage` in the selected domain.
         */
        delete: operations["V1UsersControllerRemoveToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/bootstrap": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Creates the first admin (instance administrator) and the first organization; 409 once set up
         * @description Public: no credentials needed.
         */
        post: operations["V1AuthControllerBootstrap"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/bootstrap/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether the instance still needs its first admin
         * @description Public: no credentials needed.
         */
        get: operations["V1AuthControllerBootstrapStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/github": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: GitHub OAuth is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetAuthGithub"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/github/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: GitHub OAuth is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetAuthGithubCallback"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Authenticate: tokens, or { mfa_required, challenge_token } when the account has MFA
         * @description Public: no credentials needed.
         */
        post: operations["V1AuthControllerLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/mfa/challenge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Completes a login that answered mfa_required: the challenge token and a TOTP (or recovery) code → the login reply
         * @description Public: no credentials needed.
         */
        post: operations["V1AuthControllerMfaChallenge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/mfa/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turns MFA off (needs a TOTP or recovery code)
         * @description A signed-in user's session; API tokens are refused.
         */
        post: operations["V1AuthControllerMfaDisable"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/mfa/enroll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Starts enrolment: a TOTP secret and its otpauth URI (confirm with /v1/auth/mfa/verify)
         * @description A signed-in user's session; API tokens are refused.
         */
        post: operations["V1AuthControllerMfaEnroll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/mfa/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether MFA is enabled for the caller
         * @description A user session or an API token.
         */
        get: operations["V1AuthControllerMfaStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/mfa/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirms enrolment with a TOTP code; MFA is on from now (recovery codes shown once)
         * @description A signed-in user's session; API tokens are refused.
         */
        post: operations["V1AuthControllerMfaVerify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A new access token and refresh token (the refresh token is spent)
         * @description Public: no credentials needed.
         */
        post: operations["V1AuthControllerRefresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/org/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Not available on Outpost: Billing is not available on this server
         * @description Public: no credentials needed.
         */
        post: operations["V1UnsupportedControllerPostBillingOrgCancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/org/cloud-costs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: Billing is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetBillingOrgCloudCosts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/org/cloud-costs/forecast": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: Billing is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetBillingOrgCloudCostsForecast"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/org/cloud-costs/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Not available on Outpost: Billing is not available on this server
         * @description Public: no credentials needed.
         */
        post: operations["V1UnsupportedControllerPostBillingOrgCloudCostsRefresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/org/limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: Billing is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetBillingOrgLimits"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/org/portal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Not available on Outpost: Billing is not available on this server
         * @description Public: no credentials needed.
         */
        post: operations["V1UnsupportedControllerPostBillingOrgPortal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/org/subscribe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Not available on Outpost: Billing is not available on this server
         * @description Public: no credentials needed.
         */
        post: operations["V1UnsupportedControllerPostBillingOrgSubscribe"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/org/subscription": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: Billing is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetBillingOrgSubscription"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/org/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: Billing is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetBillingOrgUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/billing/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: Billing is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetBillingPlans"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: Cloud credentials is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetCredentials"];
        put?: never;
        /**
         * Not available on Outpost: Cloud credentials is not available on this server
         * @description Public: no credentials needed.
         */
        post: operations["V1UnsupportedControllerPostCredentials"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/credentials/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: Cloud credentials is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetCredentialsId"];
        /**
         * Not available on Outpost: Cloud credentials is not available on this server
         * @description Public: no credentials needed.
         */
        put: operations["V1UnsupportedControllerPutCredentialsId"];
        post?: never;
        /**
         * Not available on Outpost: Cloud credentials is not available on this server
         * @description Public: no credentials needed.
         */
        delete: operations["V1UnsupportedControllerDeleteCredentialsId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/credentials/{id}/default": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Not available on Outpost: Cloud credentials is not available on this server
         * @description Public: no credentials needed.
         */
        post: operations["V1UnsupportedControllerPostCredentialsIdDefault"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/credentials/{id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Not available on Outpost: Cloud credentials is not available on this server
         * @description Public: no credentials needed.
         */
        post: operations["V1UnsupportedControllerPostCredentialsIdVerify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dns/auto-config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: DNS management is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetDnsAutoConfig"];
        /**
         * Not available on Outpost: DNS management is not available on this server
         * @description Public: no credentials needed.
         */
        put: operations["V1UnsupportedControllerPutDnsAutoConfig"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dns/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: DNS management is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetDnsRecords"];
        put?: never;
        /**
         * Not available on Outpost: DNS management is not available on this server
         * @description Public: no credentials needed.
         */
        post: operations["V1UnsupportedControllerPostDnsRecords"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dns/records/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Not available on Outpost: DNS management is not available on this server
         * @description Public: no credentials needed.
         */
        put: operations["V1UnsupportedControllerPutDnsRecordsId"];
        post?: never;
        /**
         * Not available on Outpost: DNS management is not available on this server
         * @description Public: no credentials needed.
         */
        delete: operations["V1UnsupportedControllerDeleteDnsRecordsId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dns/zones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: DNS management is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetDnsZones"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dns/zones/{zoneId}/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: DNS management is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetDnsZonesZoneIdRecords"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invites/{token}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accepts an invite sent to the caller’s email
         * @description A signed-in user's session; API tokens are refused.
         */
        post: operations["V1OrganizationsControllerAccept"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nodes/{id}/firewall/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: Node firewall management is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetNodesIdFirewallRules"];
        put?: never;
        /**
         * Not available on Outpost: Node firewall management is not available on this server
         * @description Public: no credentials needed.
         */
        post: operations["V1UnsupportedControllerPostNodesIdFirewallRules"];
        /**
         * Not available on Outpost: Node firewall management is not available on this server
         * @description Public: no credentials needed.
         */
        delete: operations["V1UnsupportedControllerDeleteNodesIdFirewallRules"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nodes/{id}/power/reboot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Not available on Outpost: Node power management is not available on this server
         * @description Public: no credentials needed.
         */
        post: operations["V1UnsupportedControllerPostNodesIdPowerReboot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nodes/{id}/power/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Not available on Outpost: Node power management is not available on this server
         * @description Public: no credentials needed.
         */
        post: operations["V1UnsupportedControllerPostNodesIdPowerStart"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nodes/{id}/power/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: Node power management is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetNodesIdPowerStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nodes/{id}/power/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Not available on Outpost: Node power management is not available on this server
         * @description Public: no credentials needed.
         */
        post: operations["V1UnsupportedControllerPostNodesIdPowerStop"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nodes/{id}/resize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Not available on Outpost: Node resizing is not available on this server
         * @description Public: no credentials needed.
         */
        post: operations["V1UnsupportedControllerPostNodesIdResize"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/nodes/{id}/ssh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: The SSH certificate authority is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetNodesIdSsh"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's organizations (instance administrators: all)
         * @description A user session or an API token.
         */
        get: operations["V1OrganizationsControllerList"];
        put?: never;
        /**
         * Creates an organization; the caller is its Owner
         * @description A signed-in user's session; API tokens are refused.
         */
        post: operations["V1OrganizationsControllerCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One organization
         * @description A user session or an API token. Needs a selected domain.
         */
        get: operations["V1OrganizationsControllerGet"];
        /**
         * Renames the organization (needs domain.manage)
         * @description A user session or an API token. Needs a selected domain.
         */
        put: operations["V1OrganizationsControllerUpdate"];
        post?: never;
        /**
         * Deletes the organization and everything in it (its Owner only)
         * @description A signed-in user's session; API tokens are refused. Needs a selected domain.
         */
        delete: operations["V1OrganizationsControllerRemove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/invites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Open invites (tokens are never shown again)
         * @description A user session or an API token. Needs permission `members.read` in the selected domain.
         */
        get: operations["V1OrganizationsControllerInvites"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/invites/{inviteId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Withdraws an invite
         * @description A user session or an API token. Needs permission `members.manage` in the selected domain.
         */
        delete: operations["V1OrganizationsControllerRemoveInvite"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The active members with their roles
         * @description A user session or an API token. Needs permission `members.read` in the selected domain.
         */
        get: operations["V1OrganizationsControllerMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/members/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Removes a member (never the last Owner)
         * @description A user session or an API token. Needs permission `members.manage` in the selected domain.
         */
        delete: operations["V1OrganizationsControllerRemoveMember"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/members/{userId}/role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Changes a member's role (id or name), under the privilege ceiling
         * @description A user session or an API token. Needs permission `members.manage` in the selected domain.
         */
        put: operations["V1OrganizationsControllerChangeRole"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/organizations/{orgId}/members/invite": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Invites by email (role: id or name, default member); the reply carries the invite token once
         * @description A user session or an API token. Needs permission `members.manage` in the selected domain.
         */
        post: operations["V1OrganizationsControllerInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every permission key a role or token can hold
         * @description A user session or an API token.
         */
        get: operations["V1UsersControllerPermissions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/provision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: Cloud provisioning is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetProvision"];
        put?: never;
        /**
         * Not available on Outpost: Cloud provisioning is not available on this server
         * @description Public: no credentials needed.
         */
        post: operations["V1UnsupportedControllerPostProvision"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/provision/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: Cloud provisioning is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetProvisionId"];
        put?: never;
        post?: never;
        /**
         * Not available on Outpost: Cloud provisioning is not available on this server
         * @description Public: no credentials needed.
         */
        delete: operations["V1UnsupportedControllerDeleteProvisionId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/provision/{id}/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Not available on Outpost: Cloud provisioning is not available on this server
         * @description Public: no credentials needed.
         */
        post: operations["V1UnsupportedControllerPostProvisionIdApply"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/provision/{id}/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Not available on Outpost: Cloud provisioning is not available on this server
         * @description Public: no credentials needed.
         */
        post: operations["V1UnsupportedControllerPostProvisionIdPlan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/provision/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: Cloud provisioning is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetProvisionProviders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ssh/ca-public-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: The SSH certificate authority is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetSshCaPublicKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ssh/ca/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: The SSH certificate authority is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetSshCaKeys"];
        put?: never;
        /**
         * Not available on Outpost: The SSH certificate authority is not available on this server
         * @description Public: no credentials needed.
         */
        post: operations["V1UnsupportedControllerPostSshCaKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ssh/ca/keys/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Not available on Outpost: The SSH certificate authority is not available on this server
         * @description Public: no credentials needed.
         */
        post: operations["V1UnsupportedControllerPostSshCaKeysRotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ssh/certificate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Not available on Outpost: The SSH certificate authority is not available on this server
         * @description Public: no credentials needed.
         */
        post: operations["V1UnsupportedControllerPostSshCertificate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ssh/certificates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: The SSH certificate authority is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetSshCertificates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ssh/certificates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: The SSH certificate authority is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetSshCertificatesId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ssh/certificates/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Not available on Outpost: The SSH certificate authority is not available on this server
         * @description Public: no credentials needed.
         */
        post: operations["V1UnsupportedControllerPostSshCertificatesIdRevoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/support/helpscout/signature": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: The support widget is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetSupportHelpscoutSignature"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/support/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Not available on Outpost: The support widget is not available on this server
         * @description Public: no credentials needed.
         */
        post: operations["V1UnsupportedControllerPostSupportMessages"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tunnel/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: Tunnel statistics is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetTunnelAgents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tunnel/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Not available on Outpost: Tunnel statistics is not available on this server
         * @description Public: no credentials needed.
         */
        get: operations["V1UnsupportedControllerGetTunnelStats"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The organization's members (instance administrators: every account)
         * @description A user session or an API token. Needs permission `members.read` in the selected domain.
         */
        get: operations["V1UsersControllerList"];
        put?: never;
        /**
         * Creates an account and its membership in the organization (role: id or name, default member)
         * @description A user session or an API token. Needs permission `members.manage` in the selected domain.
         */
        post: operations["V1UsersControllerCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A member of the organization
         * @description A user session or an API token. Needs permission `members.read` in the selected domain.
         */
        get: operations["V1UsersControllerGet"];
        put?: never;
        post?: never;
        /**
         * Instance administrators delete the account; organization admins remove it from the organization
         * @description A user session or an API token. Needs permission `members.manage` in the selected domain.
         */
        delete: operations["V1UsersControllerRemove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller
         * @description A user session or an API token.
         */
        get: operations["V1UsersControllerMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Changes the password (needs the current one); every session of the account ends, log in again
         * @description A signed-in user's session; API tokens are refused. Needs a selected domain.
         */
        post: operations["V1UsersControllerPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/stripe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Not available on Outpost: Billing is not available on this server
         * @description Public: no credentials needed.
         */
        post: operations["V1UnsupportedControllerPostWebhooksStripe"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/github/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * GitHub webhook receiver (X-Hub-Signature-256 over the raw body; events push and ping)
         * @description Public: no credentials needed.
         */
        post: operations["WebhookReceiverControllerGithub"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/gitlab/{tokenId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * GitLab webhook receiver (X-Gitlab-Token; Push Hook events)
         * @description Public: no credentials needed.
         */
        post: operations["WebhookReceiverControllerGitlab"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooktoken": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an incoming webhook token; the secret is returned once, with the GitHub and GitLab URLs
         * @description A user session or an API token. Needs permission `deploy.manage` in the selected domain.
         */
        post: operations["WebhookTokenControllerCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooktoken/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `deploy.manage` in the selected domain. */
        get: operations["WebhookTokenControllerGet"];
        put?: never;
        post?: never;
        /**
         * Revoke the token: its webhooks answer 401 from now on
         * @description A user session or an API token. Needs permission `deploy.manage` in the selected domain.
         */
        delete: operations["WebhookTokenControllerRemove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooktoken/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The last 200 calls of this token, newest first, refused ones included
         * @description A user session or an API token. Needs permission `deploy.manage` in the selected domain.
         */
        get: operations["WebhookTokenControllerEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooktoken/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `deploy.manage` in the selected domain. */
        post: operations["WebhookTokenControllerSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `workloads.manage` in the selected domain. */
        post: operations["WorkloadControllerCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workload/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `workloads.read` in the selected domain. */
        get: operations["WorkloadControllerGet"];
        /** @description A user session or an API token. Needs permission `workloads.manage` in the selected domain. */
        put: operations["WorkloadControllerUpdate"];
        post?: never;
        /** @description A user session or an API token. Needs permission `workloads.manage` in the selected domain. */
        delete: operations["WorkloadControllerRemove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workload/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `workloads.read` in the selected domain. */
        get: operations["WorkloadControllerExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workload/from-template": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `workloads.manage` in the selected domain. */
        post: operations["WorkloadControllerFromTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workload/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `workloads.manage` in the selected domain. */
        post: operations["WorkloadControllerImport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workload/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description A user session or an API token. Needs permission `workloads.read` in the selected domain. */
        post: operations["WorkloadControllerSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/workload/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A user session or an API token. Needs permission `workloads.read` in the selected domain. */
        get: operations["WorkloadControllerTemplates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AdminAuditLogExportInputDTO: {
            filters?: components["schemas"]["AdminAuditLogSearchFilters"];
            /** @enum {string} */
            format: "csv" | "json";
            greaterThan?: components["schemas"]["AdminAuditLogSearchRange"];
            lessThan?: components["schemas"]["AdminAuditLogSearchRange"];
            search?: components["schemas"]["AdminAuditLogSearchTerms"];
        };
        AdminAuditLogOutputDTO: {
            /** @example gameserver.start */
            action: string;
            /**
             * @description The action's first segment
             * @example files
             */
            actionGroup: string | null;
            actorId: string | null;
            /** @description Username of the actor (for an API token: its owner) when the action was taken; null for system events */
            actorName: string | null;
            /** @enum {string} */
            actorType: "user" | "apitoken" | "agent" | "system";
            /** Format: date-time */
            createdAt: string;
            details: Record<string, never> | null;
            /** Format: uuid */
            domainId: string | null;
            /** @description The domain's name now; null for instance events or a deleted domain */
            domainName: string | null;
            /** Format: uuid */
            id: string;
            ip: string | null;
            status: number | null;
            targetId: string | null;
            /** @description The target's name when the action was taken */
            targetName: string | null;
            /** @example gameserver */
            targetType: string | null;
            /** @description The API token's name when one was used */
            tokenName: string | null;
        };
        AdminAuditLogSearchFilters: {
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            action?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            actionGroup?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            actorId?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            actorName?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            actorType?: (("user" | "apitoken" | "agent" | "system") | ("user" | "apitoken" | "agent" | "system")[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            domainId?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            id?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            status?: (number | number[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            targetId?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            targetType?: (string | string[]) | null;
        };
        AdminAuditLogSearchInputDTO: {
            extend?: string[];
            filters?: components["schemas"]["AdminAuditLogSearchFilters"];
            greaterThan?: components["schemas"]["AdminAuditLogSearchRange"];
            lessThan?: components["schemas"]["AdminAuditLogSearchRange"];
            /** @default 100 */
            limit?: number;
            /**
             * @description Page number, starting at 0
             * @default 0
             */
            page?: number;
            search?: components["schemas"]["AdminAuditLogSearchTerms"];
            /** @enum {string} */
            sortBy?: "action" | "createdAt";
            /** @enum {string} */
            sortDirection?: "asc" | "desc";
        };
        AdminAuditLogSearchRange: {
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            createdAt?: string;
            /** @description Exclusive bound */
            status?: number;
        };
        AdminAuditLogSearchTerms: {
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            action?: string | string[];
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            actorName?: string | string[];
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            targetName?: string | string[];
        };
        AgentRegisterDTO: {
            agentVersion: string;
            hostname: string;
            registerToken: string;
        };
        AgentRegisterOutputDTO: {
            agentToken: string;
            /** Format: uuid */
            nodeId: string;
        };
        AlertOutputDTO: {
            acknowledged: boolean;
            /** Format: date-time */
            acknowledgedAt: string | null;
            /**
             * Format: uuid
             * @description The user who acknowledged it
             */
            acknowledgedBy: string | null;
            /** Format: uuid */
            domainId: string;
            /** Format: date-time */
            firedAt: string;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "server.crashed" | "server.crash_loop" | "server.oom" | "server.install_failed" | "node.offline" | "backup.failed" | "server.cpu" | "server.memory" | "node.cpu" | "node.memory" | "node.disk";
            /** Format: date-time */
            lastTriggeredAt: string;
            message: string;
            /**
             * Format: date-time
             * @description When an `alert.changed` notification was last sent for it
             */
            notifiedAt: string | null;
            /** Format: date-time */
            resolvedAt: string | null;
            /** Format: uuid */
            ruleId: string;
            /** @enum {string} */
            severity: "info" | "warning" | "critical";
            /** @enum {string} */
            state: "firing" | "resolved";
            /** Format: uuid */
            subjectId: string;
            /** @description The subject’s name when the alert last triggered */
            subjectName: string;
            /** @enum {string} */
            subjectType: "gameserver" | "node" | "backup";
            /** @description Triggers grouped into this alert. Flap control, per rule and subject: while an alert is firing, new triggers only raise `triggerCount` and `lastTriggeredAt` (no notification). A trigger within `cooldownMinutes` after the alert resolved reopens the same alert (firing again, `triggerCount` + 1, acknowledgement cleared); an `alert.changed` notification goes out only when the last one for this alert is older than the cooldown. A resolution is notified when the last notification said "firing". A change held back by the cooldown is sent by the evaluator once the cooldown has passed, if the alert is then in a state other than the one last notified. So a crash loop of 20 crashes in two minutes sends one "firing" notification (and at most one "resolved" if the server ran in between). */
            triggerCount: number;
        };
        AlertRuleCreateDTO: {
            /**
             * @description Flap control, per rule and subject: while an alert is firing, new triggers only raise `triggerCount` and `lastTriggeredAt` (no notification). A trigger within `cooldownMinutes` after the alert resolved reopens the same alert (firing again, `triggerCount` + 1, acknowledgement cleared); an `alert.changed` notification goes out only when the last one for this alert is older than the cooldown. A resolution is notified when the last notification said "firing". A change held back by the cooldown is sent by the evaluator once the cooldown has passed, if the alert is then in a state other than the one last notified. So a crash loop of 20 crashes in two minutes sends one "firing" notification (and at most one "resolved" if the server ran in between).
             * @default 15
             */
            cooldownMinutes?: number;
            /** @default true */
            enabled?: boolean;
            /** @description Metric kinds only (required there): for this many minutes */
            forMinutes?: number;
            /**
             * @description What the rule watches. Events: server.crashed, server.crash_loop (automatic restarts exhausted), server.oom, server.install_failed, node.offline, backup.failed. Metrics (server.cpu, server.memory, node.cpu, node.memory, node.disk): above thresholdPercent for forMinutes (server CPU is of the server's own CPU limit, memory of its memory limit; node values of the machine). Server kinds and backup.failed are scoped by serverId, node kinds by nodeId.
             * @enum {string}
             */
            kind: "server.crashed" | "server.crash_loop" | "server.oom" | "server.install_failed" | "node.offline" | "backup.failed" | "server.cpu" | "server.memory" | "node.cpu" | "node.memory" | "node.disk";
            name: string;
            /**
             * Format: uuid
             * @description Node kinds: only this node (the domain's own or a shared one; default: all the domain's own nodes)
             */
            nodeId?: string | null;
            /**
             * Format: uuid
             * @description Server kinds: only this server of the domain (default: all its servers)
             */
            serverId?: string | null;
            /**
             * @default warning
             * @enum {string}
             */
            severity?: "info" | "warning" | "critical";
            /** @description Metric kinds only (required there): fires above this percentage */
            thresholdPercent?: number;
        };
        AlertRuleListDTO: {
            /** @description The rules made by this call (empty when every recommended kind already has a rule) */
            created: components["schemas"]["AlertRuleOutputDTO"][];
        };
        AlertRuleOutputDTO: {
            /** @description Flap control, per rule and subject: while an alert is firing, new triggers only raise `triggerCount` and `lastTriggeredAt` (no notification). A trigger within `cooldownMinutes` after the alert resolved reopens the same alert (firing again, `triggerCount` + 1, acknowledgement cleared); an `alert.changed` notification goes out only when the last one for this alert is older than the cooldown. A resolution is notified when the last notification said "firing". A change held back by the cooldown is sent by the evaluator once the cooldown has passed, if the alert is then in a state other than the one last notified. So a crash loop of 20 crashes in two minutes sends one "firing" notification (and at most one "resolved" if the server ran in between). */
            cooldownMinutes: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            domainId: string;
            enabled: boolean;
            forMinutes: number | null;
            /** Format: uuid */
            id: string;
            /**
             * @description What the rule watches. Events: server.crashed, server.crash_loop (automatic restarts exhausted), server.oom, server.install_failed, node.offline, backup.failed. Metrics (server.cpu, server.memory, node.cpu, node.memory, node.disk): above thresholdPercent for forMinutes (server CPU is of the server's own CPU limit, memory of its memory limit; node values of the machine). Server kinds and backup.failed are scoped by serverId, node kinds by nodeId.
             * @enum {string}
             */
            kind: "server.crashed" | "server.crash_loop" | "server.oom" | "server.install_failed" | "node.offline" | "backup.failed" | "server.cpu" | "server.memory" | "node.cpu" | "node.memory" | "node.disk";
            name: string;
            /** Format: uuid */
            nodeId: string | null;
            /** Format: uuid */
            serverId: string | null;
            /** @enum {string} */
            severity: "info" | "warning" | "critical";
            thresholdPercent: number | null;
            /** Format: date-time */
            updatedAt: string;
        };
        AlertRuleSearchFilters: {
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            enabled?: (boolean | boolean[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            id?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            kind?: (("server.crashed" | "server.crash_loop" | "server.oom" | "server.install_failed" | "node.offline" | "backup.failed" | "server.cpu" | "server.memory" | "node.cpu" | "node.memory" | "node.disk") | ("server.crashed" | "server.crash_loop" | "server.oom" | "server.install_failed" | "node.offline" | "backup.failed" | "server.cpu" | "server.memory" | "node.cpu" | "node.memory" | "node.disk")[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            name?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            nodeId?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            serverId?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            severity?: (("info" | "warning" | "critical") | ("info" | "warning" | "critical")[]) | null;
        };
        AlertRuleSearchInputDTO: {
            extend?: string[];
            filters?: components["schemas"]["AlertRuleSearchFilters"];
            greaterThan?: components["schemas"]["AlertRuleSearchRange"];
            lessThan?: components["schemas"]["AlertRuleSearchRange"];
            /** @default 100 */
            limit?: number;
            /**
             * @description Page number, starting at 0
             * @default 0
             */
            page?: number;
            search?: components["schemas"]["AlertRuleSearchTerms"];
            /** @enum {string} */
            sortBy?: "name" | "kind" | "severity" | "createdAt" | "updatedAt";
            /** @enum {string} */
            sortDirection?: "asc" | "desc";
        };
        AlertRuleSearchRange: {
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            createdAt?: string;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            updatedAt?: string;
        };
        AlertRuleSearchTerms: {
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            name?: string | string[];
        };
        AlertRuleUpdateDTO: {
            cooldownMinutes?: number;
            /** @description Disabling resolves the alerts the rule has firing */
            enabled?: boolean;
            forMinutes?: number;
            name?: string;
            /**
             * Format: uuid
             * @description null: all the domain's own nodes
             */
            nodeId?: string | null;
            /**
             * Format: uuid
             * @description null: all servers
             */
            serverId?: string | null;
            /** @enum {string} */
            severity?: "info" | "warning" | "critical";
            thresholdPercent?: number;
        };
        AlertSearchFilters: {
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            acknowledged?: (boolean | boolean[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            id?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            kind?: (("server.crashed" | "server.crash_loop" | "server.oom" | "server.install_failed" | "node.offline" | "backup.failed" | "server.cpu" | "server.memory" | "node.cpu" | "node.memory" | "node.disk") | ("server.crashed" | "server.crash_loop" | "server.oom" | "server.install_failed" | "node.offline" | "backup.failed" | "server.cpu" | "server.memory" | "node.cpu" | "node.memory" | "node.disk")[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            ruleId?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            severity?: (("info" | "warning" | "critical") | ("info" | "warning" | "critical")[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            state?: (("firing" | "resolved") | ("firing" | "resolved")[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            subjectId?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            subjectName?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            subjectType?: (("gameserver" | "node" | "backup") | ("gameserver" | "node" | "backup")[]) | null;
        };
        AlertSearchInputDTO: {
            extend?: string[];
            filters?: components["schemas"]["AlertSearchFilters"];
            greaterThan?: components["schemas"]["AlertSearchRange"];
            lessThan?: components["schemas"]["AlertSearchRange"];
            /** @default 100 */
            limit?: number;
            /**
             * @description Page number, starting at 0
             * @default 0
             */
            page?: number;
            search?: components["schemas"]["AlertSearchTerms"];
            /** @enum {string} */
            sortBy?: "state" | "severity" | "kind" | "subjectName" | "firedAt" | "resolvedAt" | "lastTriggeredAt";
            /** @enum {string} */
            sortDirection?: "asc" | "desc";
        };
        AlertSearchRange: {
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            firedAt?: string;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            lastTriggeredAt?: string;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            resolvedAt?: string;
        };
        AlertSearchTerms: {
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            message?: string | string[];
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            subjectName?: string | string[];
        };
        AlertUnreadDTO: {
            /** @description Firing alerts nobody acknowledged */
            count: number;
        };
        AllocationCreateDTO: {
            /** @description Port inside the container; default: the same as the host port */
            containerPort?: number;
            notes?: string;
            /** @description A free port of the node's range; omit for the first free one */
            port?: number;
            /**
             * @default tcp
             * @enum {string}
             */
            protocol?: "tcp" | "udp";
        };
        AllocationListOutputDTO: {
            /** @description Address of the server's node */
            address: string;
            /** @description Primary first, then by port */
            allocations: components["schemas"]["AllocationOutputDTO"][];
            /** @description Most ports a server may have */
            limit: number;
            /** @description When port changes take effect */
            note: string;
            portRangeEnd: number;
            portRangeStart: number;
            /** @description The container predates a change (ports, startup or image): the next start makes it again */
            restartRequired: boolean;
        };
        AllocationOutputDTO: {
            containerPort: number;
            /** Format: uuid */
            id: string;
            ip: string;
            name: string;
            notes: string;
            port: number;
            /** @description The server's main port (SERVER_PORT); exactly one per server */
            primary: boolean;
            /** @enum {string} */
            protocol: "tcp" | "udp";
        };
        AllocationUpdateDTO: {
            notes: string;
        };
        ApiTokenCreatedDTO: {
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: uuid
             * @description null = instance-wide
             */
            domainId: string | null;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            lastUsedAt: string | null;
            name: string;
            permissions: string[];
            /** @description First characters of the token, to recognise it */
            prefix: string;
            /** Format: date-time */
            revokedAt: string | null;
            /** @description The secret token, shown only in this reply */
            token: string;
            /** Format: uuid */
            userId: string;
        };
        ApiTokenCreateDTO: {
            /** Format: date-time */
            expiresAt?: string;
            /** @description Instance administrators only: not bound to a domain */
            instanceWide?: boolean;
            name: string;
            /** @description Subset of your permissions; empty = all of your role */
            permissions?: ("domain.manage" | "members.read" | "members.manage" | "roles.manage" | "apitokens.manage" | "auditlog.read" | "nodes.read" | "nodes.manage" | "workloads.read" | "workloads.manage" | "gameserver.read" | "gameserver.create" | "gameserver.manage" | "gameserver.control" | "gameserver.console" | "files.read" | "files.write" | "backups.read" | "backups.manage" | "schedules.read" | "schedules.manage" | "alerts.read" | "alerts.manage" | "integrations.manage" | "deploy.manage")[];
        };
        ApiTokenOutputDTO: {
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: uuid
             * @description null = instance-wide
             */
            domainId: string | null;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            lastUsedAt: string | null;
            name: string;
            permissions: string[];
            /** @description First characters of the token, to recognise it */
            prefix: string;
            /** Format: date-time */
            revokedAt: string | null;
            /** Format: uuid */
            userId: string;
        };
        ApiTokenSearchFilters: {
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty; dates between the years 1 and 9999 */
            expiresAt?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            id?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            name?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            prefix?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty; dates between the years 1 and 9999 */
            revokedAt?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            userId?: (string | string[]) | null;
        };
        ApiTokenSearchInputDTO: {
            extend?: string[];
            filters?: components["schemas"]["ApiTokenSearchFilters"];
            greaterThan?: components["schemas"]["ApiTokenSearchRange"];
            lessThan?: components["schemas"]["ApiTokenSearchRange"];
            /** @default 100 */
            limit?: number;
            /**
             * @description Page number, starting at 0
             * @default 0
             */
            page?: number;
            search?: components["schemas"]["ApiTokenSearchTerms"];
            /** @enum {string} */
            sortBy?: "name" | "expiresAt" | "lastUsedAt" | "createdAt";
            /** @enum {string} */
            sortDirection?: "asc" | "desc";
        };
        ApiTokenSearchRange: {
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            createdAt?: string;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            expiresAt?: string;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            lastUsedAt?: string;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            revokedAt?: string;
        };
        ApiTokenSearchTerms: {
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            name?: string | string[];
        };
        ApiTokenUpdateDTO: {
            name: string;
        };
        AuditLogExportInputDTO: {
            filters?: components["schemas"]["AuditLogSearchFilters"];
            /** @enum {string} */
            format: "csv" | "json";
            greaterThan?: components["schemas"]["AuditLogSearchRange"];
            lessThan?: components["schemas"]["AuditLogSearchRange"];
            /**
             * @description 'instance': every domain's rows and the instance's own (instance administrators only)
             * @default domain
             * @enum {string}
             */
            scope?: "domain" | "instance";
            search?: components["schemas"]["AuditLogSearchTerms"];
        };
        AuditLogOutputDTO: {
            /** @example gameserver.start */
            action: string;
            /**
             * @description The action's first segment
             * @example files
             */
            actionGroup: string | null;
            actorId: string | null;
            /** @description Username of the actor (for an API token: its owner) when the action was taken; null for system events */
            actorName: string | null;
            /** @enum {string} */
            actorType: "user" | "apitoken" | "agent" | "system";
            /** Format: date-time */
            createdAt: string;
            details: Record<string, never> | null;
            /** Format: uuid */
            domainId: string | null;
            /** Format: uuid */
            id: string;
            ip: string | null;
            status: number | null;
            targetId: string | null;
            /** @description The target's name when the action was taken */
            targetName: string | null;
            /** @example gameserver */
            targetType: string | null;
            /** @description The API token's name when one was used */
            tokenName: string | null;
        };
        AuditLogSearchFilters: {
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            action?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            actionGroup?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            actorId?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            actorName?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            actorType?: (("user" | "apitoken" | "agent" | "system") | ("user" | "apitoken" | "agent" | "system")[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            id?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            status?: (number | number[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            targetId?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            targetType?: (string | string[]) | null;
        };
        AuditLogSearchInputDTO: {
            extend?: string[];
            filters?: components["schemas"]["AuditLogSearchFilters"];
            greaterThan?: components["schemas"]["AuditLogSearchRange"];
            lessThan?: components["schemas"]["AuditLogSearchRange"];
            /** @default 100 */
            limit?: number;
            /**
             * @description Page number, starting at 0
             * @default 0
             */
            page?: number;
            search?: components["schemas"]["AuditLogSearchTerms"];
            /** @enum {string} */
            sortBy?: "action" | "createdAt";
            /** @enum {string} */
            sortDirection?: "asc" | "desc";
        };
        AuditLogSearchRange: {
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            createdAt?: string;
            /** @description Exclusive bound */
            status?: number;
        };
        AuditLogSearchTerms: {
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            action?: string | string[];
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            actorName?: string | string[];
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            targetName?: string | string[];
        };
        BackupConfigCreateDTO: {
            accessKeyId?: string;
            /** @description Make it the active target at once (the previous one is deactivated) */
            activate?: boolean;
            bucket?: string;
            /** @description S3 endpoint (http/https URL) for S3-compatible services; omit for AWS */
            endpoint?: Record<string, never> | null;
            /** @description Path-style URLs (bucket in the path), as most S3-compatible servers need */
            forcePathStyle?: boolean;
            /** @description Keep the newest N unlocked backups; null = no count limit */
            keepLast?: number | null;
            /**
             * @description s3 needs bucket, accessKeyId and secretAccessKey
             * @enum {string}
             */
            kind: "local" | "s3";
            /** @description Delete unlocked backups older than this; null = no age limit */
            maxAgeDays?: number | null;
            /** @default 10 */
            maxBackupsPerServer?: number;
            name: string;
            /** @description Prepended to object keys, e.g. "outpost/" */
            prefix?: string;
            /** @description Default us-east-1 */
            region?: string;
            secretAccessKey?: string;
        };
        BackupConfigOutputDTO: {
            /** @description Last 4 characters of the access key id, to recognise it */
            accessKeyIdLast4: string | null;
            /** @description The domain's target for new backups (at most one is) */
            active: boolean;
            bucket: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            domainId: string;
            /** @description S3 endpoint URL; null = AWS */
            endpoint: string | null;
            forcePathStyle: boolean;
            /** @description S3 credentials are stored (they are never returned) */
            hasCredentials: boolean;
            /** Format: uuid */
            id: string;
            keepLast: number | null;
            /** @enum {string} */
            kind: "local" | "s3";
            maxAgeDays: number | null;
            maxBackupsPerServer: number;
            name: string;
            /** @description Prepended to every object key */
            prefix: string;
            region: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        BackupConfigSearchFilters: {
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            active?: (boolean | boolean[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            bucket?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            id?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            kind?: (("local" | "s3") | ("local" | "s3")[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            name?: (string | string[]) | null;
        };
        BackupConfigSearchInputDTO: {
            extend?: string[];
            filters?: components["schemas"]["BackupConfigSearchFilters"];
            greaterThan?: components["schemas"]["BackupConfigSearchRange"];
            lessThan?: components["schemas"]["BackupConfigSearchRange"];
            /** @default 100 */
            limit?: number;
            /**
             * @description Page number, starting at 0
             * @default 0
             */
            page?: number;
            search?: components["schemas"]["BackupConfigSearchTerms"];
            /** @enum {string} */
            sortBy?: "name" | "kind" | "active" | "createdAt" | "updatedAt";
            /** @enum {string} */
            sortDirection?: "asc" | "desc";
        };
        BackupConfigSearchRange: {
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            createdAt?: string;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            updatedAt?: string;
        };
        BackupConfigSearchTerms: {
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            bucket?: string | string[];
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            name?: string | string[];
        };
        BackupConfigTestOutputDTO: {
            /** @description What was checked, or why it failed: the error name (known S3 codes or network codes only), HTTP status and a fixed explanation; no text from the storage service */
            message: string;
            ok: boolean;
        };
        BackupConfigUpdateDTO: {
            accessKeyId?: string;
            bucket?: string;
            /** @description S3 endpoint (http/https URL) for S3-compatible services; omit for AWS */
            endpoint?: Record<string, never> | null;
            /** @description Path-style URLs (bucket in the path), as most S3-compatible servers need */
            forcePathStyle?: boolean;
            /** @description Keep the newest N unlocked backups; null = no count limit */
            keepLast?: number | null;
            /** @description Delete unlocked backups older than this; null = no age limit */
            maxAgeDays?: number | null;
            /** @default 10 */
            maxBackupsPerServer?: number;
            name?: string;
            /** @description Prepended to object keys, e.g. "outpost/" */
            prefix?: string;
            /** @description Default us-east-1 */
            region?: string;
            secretAccessKey?: string;
        };
        BackupCreateDTO: {
            /** Format: uuid */
            gameserverId: string;
            /** @description Extra ignore patterns (.gitignore syntax), besides the template’s */
            ignore?: string[];
            /** @description Default: the date and time */
            name?: string;
        };
        BackupDownloadLinkDTO: {
            /** Format: date-time */
            expiresAt: string;
            /** @description One-use link (no credentials needed), valid for 5 minutes */
            url: string;
        };
        BackupOutputDTO: {
            /** Format: date-time */
            completedAt: string | null;
            /**
             * Format: uuid
             * @description Backup configuration it was stored with (null: the default local target)
             */
            configId: string | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            createdBy: string | null;
            /** @enum {string} */
            createdByType: "user" | "apitoken" | "system";
            /** Format: uuid */
            domainId: string;
            error: string | null;
            /** @description Regular files archived */
            files: number | null;
            /** Format: uuid */
            gameserverId: string;
            /** Format: uuid */
            id: string;
            /** @description Ignore patterns (.gitignore syntax), the template’s and the request’s */
            ignore: string[];
            /** @description A locked backup cannot be deleted, by hand or by retention */
            locked: boolean;
            name: string;
            /**
             * Format: uuid
             * @description Node holding a local archive: the node the server was on when the backup was made. Local archives stay there when the server moves to another node and are still restorable and downloadable through the API; null once that node is deleted (the archive is then unavailable).
             */
            nodeId: string | null;
            /** Format: date-time */
            restoredAt: string | null;
            restoreError: string | null;
            /** @enum {string|null} */
            restoreState: "restoring" | "restored" | "failed" | null;
            /** @description Hex sha256 of the archive */
            sha256: string | null;
            sizeBytes: number | null;
            /**
             * @description `completed` only once the archive is fully stored and its checksum matched
             * @enum {string}
             */
            state: "creating" | "completed" | "failed";
            /** @enum {string} */
            storage: "local" | "s3";
        };
        BackupSearchFilters: {
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            gameserverId?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            id?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            locked?: (boolean | boolean[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            name?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            restoreState?: (("restoring" | "restored" | "failed") | ("restoring" | "restored" | "failed")[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            state?: (("creating" | "completed" | "failed") | ("creating" | "completed" | "failed")[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            storage?: (("local" | "s3") | ("local" | "s3")[]) | null;
        };
        BackupSearchInputDTO: {
            extend?: string[];
            filters?: components["schemas"]["BackupSearchFilters"];
            greaterThan?: components["schemas"]["BackupSearchRange"];
            lessThan?: components["schemas"]["BackupSearchRange"];
            /** @default 100 */
            limit?: number;
            /**
             * @description Page number, starting at 0
             * @default 0
             */
            page?: number;
            search?: components["schemas"]["BackupSearchTerms"];
            /** @enum {string} */
            sortBy?: "name" | "state" | "sizeBytes" | "createdAt";
            /** @enum {string} */
            sortDirection?: "asc" | "desc";
        };
        BackupSearchRange: {
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            createdAt?: string;
            /** @description Exclusive bound */
            sizeBytes?: number;
        };
        BackupSearchTerms: {
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            name?: string | string[];
        };
        BackupSettingsDTO: {
            /** @description Console commands sent after it, also after a failure (e.g. save-on) */
            afterCommands?: string[];
            /** @description Console commands sent before the archive is made, while the server runs (e.g. save-off, save-all flush) */
            beforeCommands?: string[];
            /** @description .gitignore-style patterns never archived (each at most 256 characters) */
            ignore?: string[];
        };
        BackupTargetOutputDTO: {
            config: components["schemas"]["BackupConfigOutputDTO"] | null;
            /**
             * Format: uuid
             * @description null = nothing configured: node-local disk, default policy
             */
            configId: string | null;
            keepLast: number | null;
            /** @enum {string} */
            kind: "local" | "s3";
            maxAgeDays: number | null;
            maxBackupsPerServer: number;
        };
        BootstrapDTO: {
            domainName: string;
            email: string;
            password: string;
            username: string;
        };
        BootstrapStatusDTO: {
            needed: boolean;
        };
        ChmodDTO: {
            /**
             * @description Octal permission bits (0000-0777)
             * @example 0644
             */
            mode: string;
            path: string;
        };
        CommandDTO: {
            command: string;
        };
        CompressDTO: {
            /** @description Archive to create (must not exist) */
            destination: string;
            /** @enum {string} */
            format: "tar.gz" | "zip";
            paths: string[];
        };
        ConfigFileDTO: {
            /** @description Path relative to the server's data directory */
            file: string;
            /** @description Key (or line, for "file") → replacement; values may hold {{server.build.default.port}}-style placeholders */
            find: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            parser: "properties" | "json" | "yaml" | "ini" | "xml" | "file";
        };
        ConsoleLogDeleteOutputDTO: {
            /** @description Stored lines removed */
            deleted: number;
        };
        ConsoleLogLineDTO: {
            line: string;
            seq: number;
            /** @enum {string} */
            stream: "stdout" | "stderr" | "outpost";
            /** Format: date-time */
            time: string;
        };
        ConsoleLogPageDTO: {
            /** @description Oldest first within the page */
            lines: components["schemas"]["ConsoleLogLineDTO"][];
            /** @description Pass as `before` for the next (older) page; null when this is the oldest */
            nextBefore: number | null;
        };
        ConsoleTokenOutputDTO: {
            /** Format: date-time */
            expiresAt: string;
            /**
             * @description Path of the console WebSocket with the token filled in
             * @example /gameserver/<id>/console?token=…
             */
            socketPath: string;
            /** @description Short-lived (10 min) token bound to you, this domain, this server and your permissions */
            token: string;
        };
        ContainerActionDTO: {
            /** @description Signal for kill (default SIGKILL) */
            signal?: string;
        };
        ContainerLogLineDTO: {
            line: string;
            /** @enum {string} */
            stream: "stdout" | "stderr";
            /** @description RFC3339 timestamp from the runtime */
            timestamp: string;
        };
        ContainerSummaryDTO: {
            /** Format: date-time */
            createdAt: string;
            id: string;
            image: string;
            labels: {
                [key: string]: string;
            };
            name: string;
            /** @description Runtime state: created, running, exited, ... */
            state: string;
            /** @description Human-readable status from the runtime */
            status: string;
        };
        CopyDTO: {
            from: string;
            /** @default false */
            overwrite?: boolean;
            to: string;
        };
        DatabaseHealthDTO: {
            error: string | null;
            latencyMs: number;
            /** @enum {string} */
            status: "up" | "down";
        };
        DatabaseUpDTO: {
            latencyMs: number;
            /** @enum {string} */
            status: "up";
        };
        DecompressDTO: {
            archive: string;
            /** @description Directory to extract into ('' = the data directory) */
            destination?: string;
        };
        DecompressResultDTO: {
            bytes: number;
            extracted: number;
            skipped: string[];
        };
        DefinitionSourceDTO: {
            exportedAt?: string;
            /** @enum {string} */
            format: "PTDL_v1" | "PTDL_v2" | "PLCN_v1" | "PLCN_v2" | "PLCN_v3" | "outpost";
            /** @description meta.update_url of the egg */
            updateUrl?: string;
            /** @description Egg uuid (Pelican / Pterodactyl ≥1.x exports) */
            uuid?: string;
        };
        DetailedHealthDTO: {
            database: components["schemas"]["DatabaseHealthDTO"];
            memory: components["schemas"]["MemoryUsageDTO"];
            redis: components["schemas"]["RedisHealthDTO"];
            /**
             * @description degraded (with HTTP 503) when the database is unreachable
             * @enum {string}
             */
            status: "ok" | "degraded";
            uptimeSeconds: number;
            version: string;
        };
        DiskInfoDTO: {
            freeBytes: number;
            mount: string;
            totalBytes: number;
        };
        DiskUsageDTO: {
            /** @description 0 = unlimited */
            quotaBytes: number;
            usedBytes: number;
        };
        DockerInfoDTO: {
            apiVersion: string;
            version: string;
        };
        DomainCreateDTO: {
            name: string;
        };
        DomainOutputDTO: {
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            state: "ACTIVE" | "DISABLED" | "MAINTENANCE";
            /** Format: date-time */
            updatedAt: string;
        };
        DomainSearchFilters: {
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            id?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            name?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            state?: (("ACTIVE" | "DISABLED" | "MAINTENANCE") | ("ACTIVE" | "DISABLED" | "MAINTENANCE")[]) | null;
        };
        DomainSearchInputDTO: {
            extend?: string[];
            filters?: components["schemas"]["DomainSearchFilters"];
            greaterThan?: components["schemas"]["DomainSearchRange"];
            lessThan?: components["schemas"]["DomainSearchRange"];
            /** @default 100 */
            limit?: number;
            /**
             * @description Page number, starting at 0
             * @default 0
             */
            page?: number;
            search?: components["schemas"]["DomainSearchTerms"];
            /** @enum {string} */
            sortBy?: "name" | "state" | "createdAt" | "updatedAt";
            /** @enum {string} */
            sortDirection?: "asc" | "desc";
        };
        DomainSearchRange: {
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            createdAt?: string;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            updatedAt?: string;
        };
        DomainSearchTerms: {
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            name?: string | string[];
        };
        DomainUpdateDTO: {
            name?: string;
            /** @enum {string} */
            state?: "ACTIVE" | "DISABLED" | "MAINTENANCE";
        };
        DroppedPortDTO: {
            port: number;
            reason: string;
        };
        FileContentDTO: {
            content: string;
        };
        FileEntryDTO: {
            /** @example 0644 */
            mode: string;
            /** Format: date-time */
            modifiedAt: string;
            name: string;
            /** @description Relative to the data directory */
            path: string;
            size: number;
            /** @description Symlinks pointing inside the data directory */
            target?: string;
            /** @enum {string} */
            type: "file" | "directory" | "symlink" | "other";
        };
        ForgotPasswordDTO: {
            /** Format: email */
            email: string;
        };
        ForgotPasswordOutputDTO: {
            /** @description The same sentence whether or not an account has this email */
            message: string;
        };
        GameServerCreateDTO: {
            /** @default true */
            autoRestart?: boolean;
            /** @description 100 = one core */
            cpuPercent?: number;
            diskMiB?: number;
            /** @description Default: the template image */
            image?: string;
            memoryMiB?: number;
            name: string;
            /**
             * Format: uuid
             * @description Omit to let the planner choose
             */
            nodeId?: string;
            pids?: number;
            /** @description Placement: only nodes carrying all these tags */
            tags?: string[];
            /** @description Template variables by env name */
            variables?: {
                [key: string]: string;
            };
            /** Format: uuid */
            workloadId: string;
        };
        GameServerMetricOutputDTO: {
            cpuPercent: number;
            memoryBytes: number;
            memoryLimitBytes: number;
            networkRxBytes: number;
            networkTxBytes: number;
            pids: number;
            /** Format: date-time */
            time: string;
        };
        GameServerOutputDTO: {
            allocations?: components["schemas"]["AllocationOutputDTO"][];
            autoRestart: boolean;
            cpuPercent: number;
            /** Format: date-time */
            createdAt: string;
            diskMiB: number;
            /** Format: uuid */
            domainId: string;
            /** Format: uuid */
            id: string;
            image: string;
            lastExitCode: number | null;
            memoryMiB: number;
            name: string;
            node?: components["schemas"]["NodeOutputDTO"];
            /** Format: uuid */
            nodeId: string;
            oomKilled: boolean;
            /** Format: uuid */
            ownerId: string | null;
            pids: number;
            /** @description Crashes within the crash-loop window (10 minutes): automatic restarts stop after 3 */
            recentCrashes: string[];
            /** Format: date-time */
            startedAt: string | null;
            /** @enum {string} */
            state: "installing" | "install_failed" | "offline" | "starting" | "running" | "stopping" | "crashed" | "unknown";
            /** @description Why the server is in its state (e.g. oom, exit code 3) */
            stateReason: string | null;
            /** Format: date-time */
            updatedAt: string;
            variables: {
                [key: string]: string;
            };
            workload?: components["schemas"]["WorkloadOutputDTO"];
            /** Format: uuid */
            workloadId: string;
        };
        GameServerSearchFilters: {
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            cpuPercent?: (number | number[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            id?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            image?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            memoryMiB?: (number | number[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            name?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            nodeId?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            ownerId?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            state?: (("installing" | "install_failed" | "offline" | "starting" | "running" | "stopping" | "crashed" | "unknown") | ("installing" | "install_failed" | "offline" | "starting" | "running" | "stopping" | "crashed" | "unknown")[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            workloadId?: (string | string[]) | null;
        };
        GameServerSearchInputDTO: {
            extend?: ("allocations" | "node" | "workload")[];
            filters?: components["schemas"]["GameServerSearchFilters"];
            greaterThan?: components["schemas"]["GameServerSearchRange"];
            lessThan?: components["schemas"]["GameServerSearchRange"];
            /** @default 100 */
            limit?: number;
            /**
             * @description Page number, starting at 0
             * @default 0
             */
            page?: number;
            search?: components["schemas"]["GameServerSearchTerms"];
            /** @enum {string} */
            sortBy?: "name" | "state" | "memoryMiB" | "cpuPercent" | "createdAt" | "updatedAt";
            /** @enum {string} */
            sortDirection?: "asc" | "desc";
        };
        GameServerSearchRange: {
            /** @description Exclusive bound */
            cpuPercent?: number;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            createdAt?: string;
            /** @description Exclusive bound */
            memoryMiB?: number;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            updatedAt?: string;
        };
        GameServerSearchTerms: {
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            image?: string | string[];
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            name?: string | string[];
        };
        GameServerStatsDTO: {
            cpuPercent: number;
            diskUsedBytes: number | null;
            memoryBytes: number;
            memoryLimitBytes: number;
            networkRxBytes: number;
            networkTxBytes: number;
            state: string;
            uptimeSeconds: number | null;
        };
        GameServerUpdateDTO: {
            autoRestart?: boolean;
            cpuPercent?: number;
            diskMiB?: number;
            image?: string;
            memoryMiB?: number;
            name?: string;
            pids?: number;
            variables?: {
                [key: string]: string;
            };
        };
        GitDeployConfigDTO: {
            autoDeploy: boolean;
            branch: string;
            /** Format: date-time */
            createdAt: string;
            /** @description Whether an access token is stored (it is never returned) */
            hasToken: boolean;
            /** Format: uuid */
            id: string;
            lastCommit: string | null;
            /** Format: date-time */
            lastSyncAt: string | null;
            restartOnSync: boolean;
            /** Format: uuid */
            serverId: string;
            subdirectory: string;
            targetDirectory: string;
            /** Format: date-time */
            updatedAt: string;
            url: string;
        };
        GitDeployInputDTO: {
            /**
             * @description Pushes announced by incoming webhooks sync this server
             * @default true
             */
            autoDeploy?: boolean;
            /** @example main */
            branch: string;
            /**
             * @description Stop the server before a sync (if it runs) and start it again afterwards
             * @default false
             */
            restartOnSync?: boolean;
            /**
             * @description Directory of the repository to deploy ('' = the repository root)
             * @default
             */
            subdirectory?: string;
            /**
             * @description Directory of the server's data it is deployed into ('' = the server root); files of the same path are overwritten, others are left alone
             * @default
             */
            targetDirectory?: string;
            /** @description HTTPS access token (sent as Basic x-access-token:<token>), stored encrypted and never returned. Omitted: kept if the URL stays the same, dropped otherwise; null or "": removed. */
            token?: string | null;
            /**
             * @description Repository URL: https://, http:// or git:// only (no file://, ssh, local paths, credentials)
             * @example https://github.com/acme/server-config.git
             */
            url: string;
        };
        GitDeployOutputDTO: {
            /** @description null: the server tracks no repository */
            config: components["schemas"]["GitDeployConfigDTO"] | null;
            lastSync: components["schemas"]["GitSyncOutputDTO"] | null;
        };
        GitSyncOutputDTO: {
            /** @description The commit deployed (sha) */
            commit: string | null;
            /** @description The commit's subject line */
            commitMessage: string | null;
            error: string | null;
            /** Format: date-time */
            finishedAt: string | null;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            serverId: string;
            /** Format: date-time */
            startedAt: string;
            /** @enum {string} */
            status: "running" | "succeeded" | "failed";
            /** @enum {string} */
            trigger: "manual" | "webhook";
        };
        GitSyncStartedDTO: {
            /**
             * Format: uuid
             * @description The sync, running in the background: poll GET /gameserver/:id/git
             */
            syncId: string;
        };
        HealthStatusDTO: {
            /** @enum {string} */
            status: "ok";
        };
        HealthVersionDTO: {
            /** @enum {string} */
            status: "ok";
            version: string;
        };
        ImportLimitsDTO: {
            cpuPercent: number;
            diskMiB: number;
            memoryMiB: number;
        };
        ImportPortDTO: {
            port: number;
            primary: boolean;
            /** @description The panel port it stands for (differs when the primary had to move) */
            sourcePort: number | null;
        };
        ImportReportDTO: {
            dryRun: boolean;
            /** Format: uuid */
            nodeId: string;
            /** @description What an import never carries (the server data itself among it) */
            notCarried: string[];
            panelUrl: string;
            servers: components["schemas"]["ImportServerReportDTO"][];
        };
        ImportServerReportDTO: {
            droppedPorts: components["schemas"]["DroppedPortDTO"][];
            error: string | null;
            /** Format: uuid */
            gameserverId: string | null;
            limits: components["schemas"]["ImportLimitsDTO"] | null;
            name: string;
            /** @description What changes or is not carried for this server */
            notes: string[];
            ports: components["schemas"]["ImportPortDTO"][];
            sourceId: number;
            sourceUuid: string | null;
            /**
             * @description ready: a dry run found nothing in the way; alreadyImported: this domain has it (gameserverId), nothing was done
             * @enum {string}
             */
            status: "ready" | "imported" | "alreadyImported" | "failed" | "notFound";
            template: components["schemas"]["ImportTemplateDTO"] | null;
            /** @description The server's variable values, by env name */
            variables: {
                [key: string]: string;
            };
        };
        ImportTemplateDTO: {
            /**
             * @description import: the egg becomes a new template; reuse: a template imported earlier from this egg
             * @enum {string}
             */
            action: "import" | "reuse";
            eggId: number;
            eggName: string;
            /** Format: uuid */
            workloadId: string | null;
        };
        InstallLogOutputDTO: {
            /** @description Output of the last install run (empty before the first) */
            log: string;
            /** @enum {string} */
            state: "installing" | "install_failed" | "offline" | "starting" | "running" | "stopping" | "crashed" | "unknown";
        };
        InstallScriptDTO: {
            /** @description Interpreter, e.g. ash or bash */
            entrypoint: string;
            /** @description Image the install script runs in */
            image: string;
            /** @description Script text, LF line endings */
            script: string;
        };
        InstanceSettingsOutputDTO: {
            /** @description Empty: any email domain may register; else only these (exact match, lower-case) */
            registrationEmailDomains: string[];
            registrationEnabled: boolean;
            /** Format: date-time */
            updatedAt: string;
            /**
             * Format: uuid
             * @description The instance administrator who changed them last
             */
            updatedBy: string | null;
        };
        InstanceSettingsUpdateDTO: {
            /** @description Email domains that may register, e.g. ["example.com"]; [] allows any */
            registrationEmailDomains?: string[];
            registrationEnabled?: boolean;
        };
        IntegrationCreatedOutputDTO: {
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            domainId: string;
            enabled: boolean;
            events: ("server.state" | "server.crashed" | "alert.fired" | "alert.resolved" | "backup.completed" | "backup.failed" | "member.joined" | "member.left" | "node.online" | "node.offline")[];
            /** Format: uuid */
            id: string;
            name: string;
            /** @description Email recipients (email only; empty otherwise) */
            recipients: string[];
            /** @description webhook: the HMAC-SHA256 signing secret, shown only now (rotate to get a new one); null for other types */
            signingSecret: string | null;
            smtpFrom: string | null;
            /** @description Host of the integration's own SMTP server (email); null = the instance's */
            smtpHost: string | null;
            /** @description Where messages go, masked to scheme and host (e.g. "https://discord.com/…"); null for email */
            target: string | null;
            /** @enum {string} */
            type: "discord" | "slack" | "webhook" | "email";
            /** Format: date-time */
            updatedAt: string;
        };
        IntegrationCreateDTO: {
            /** @default true */
            enabled?: boolean;
            /** @description What to send: server.state, server.crashed, alert.fired, alert.resolved, backup.completed, backup.failed, member.joined, member.left, node.online, node.offline. server.state is sent for running, offline, crashed and install_failed only. */
            events: ("server.state" | "server.crashed" | "alert.fired" | "alert.resolved" | "backup.completed" | "backup.failed" | "member.joined" | "member.left" | "node.online" | "node.offline")[];
            name: string;
            /** @description email: recipients (1–20 addresses) */
            recipients?: string[];
            /** @description email: sender with smtpUrl, e.g. "Outpost <alerts@example.com>" */
            smtpFrom?: string | null;
            /** @description email: the integration's own SMTP server, smtp(s)://user:pass@host:port (secret, never returned); omit or null to use the instance's */
            smtpUrl?: string | null;
            /**
             * @description discord, slack and webhook need url; email needs recipients
             * @enum {string}
             */
            type: "discord" | "slack" | "webhook" | "email";
            /** @description discord, slack, webhook: the http(s) URL to POST to (Discord/Slack incoming-webhook URL). Secret: stored encrypted, never returned. Refused (400) when it resolves to a loopback, private, link-local or metadata address, unless the instance allows them. */
            url?: string;
        };
        IntegrationDeliveryOutputDTO: {
            /** @description Attempts made so far */
            attempts: number;
            /** Format: date-time */
            createdAt: string;
            /** @description One of the integration events, or integration.test */
            event: string;
            /** Format: date-time */
            finishedAt: string | null;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            integrationId: string;
            lastError: string | null;
            lastStatusCode: number | null;
            /**
             * Format: date-time
             * @description When the next attempt is due (pending deliveries)
             */
            nextAttemptAt: string;
            /** @description What was sent, before formatting: occurredAt, title, text, level, fields, data */
            payload: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed";
        };
        IntegrationDeliverySearchFilters: {
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            event?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            id?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            lastStatusCode?: (number | number[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            status?: (("pending" | "succeeded" | "failed") | ("pending" | "succeeded" | "failed")[]) | null;
        };
        IntegrationDeliverySearchInputDTO: {
            extend?: string[];
            filters?: components["schemas"]["IntegrationDeliverySearchFilters"];
            greaterThan?: components["schemas"]["IntegrationDeliverySearchRange"];
            lessThan?: components["schemas"]["IntegrationDeliverySearchRange"];
            /** @default 100 */
            limit?: number;
            /**
             * @description Page number, starting at 0
             * @default 0
             */
            page?: number;
            search?: components["schemas"]["IntegrationDeliverySearchTerms"];
            /** @enum {string} */
            sortBy?: "status" | "attempts" | "createdAt" | "finishedAt";
            /** @enum {string} */
            sortDirection?: "asc" | "desc";
        };
        IntegrationDeliverySearchRange: {
            /** @description Exclusive bound */
            attempts?: number;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            createdAt?: string;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            finishedAt?: string;
        };
        IntegrationDeliverySearchTerms: {
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            event?: string | string[];
        };
        IntegrationOutputDTO: {
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            domainId: string;
            enabled: boolean;
            events: ("server.state" | "server.crashed" | "alert.fired" | "alert.resolved" | "backup.completed" | "backup.failed" | "member.joined" | "member.left" | "node.online" | "node.offline")[];
            /** Format: uuid */
            id: string;
            name: string;
            /** @description Email recipients (email only; empty otherwise) */
            recipients: string[];
            smtpFrom: string | null;
            /** @description Host of the integration's own SMTP server (email); null = the instance's */
            smtpHost: string | null;
            /** @description Where messages go, masked to scheme and host (e.g. "https://discord.com/…"); null for email */
            target: string | null;
            /** @enum {string} */
            type: "discord" | "slack" | "webhook" | "email";
            /** Format: date-time */
            updatedAt: string;
        };
        IntegrationSearchFilters: {
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            enabled?: (boolean | boolean[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            id?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            name?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            type?: (("discord" | "slack" | "webhook" | "email") | ("discord" | "slack" | "webhook" | "email")[]) | null;
        };
        IntegrationSearchInputDTO: {
            extend?: string[];
            filters?: components["schemas"]["IntegrationSearchFilters"];
            greaterThan?: components["schemas"]["IntegrationSearchRange"];
            lessThan?: components["schemas"]["IntegrationSearchRange"];
            /** @default 100 */
            limit?: number;
            /**
             * @description Page number, starting at 0
             * @default 0
             */
            page?: number;
            search?: components["schemas"]["IntegrationSearchTerms"];
            /** @enum {string} */
            sortBy?: "name" | "type" | "enabled" | "createdAt" | "updatedAt";
            /** @enum {string} */
            sortDirection?: "asc" | "desc";
        };
        IntegrationSearchRange: {
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            createdAt?: string;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            updatedAt?: string;
        };
        IntegrationSearchTerms: {
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            name?: string | string[];
        };
        IntegrationSecretOutputDTO: {
            /** @description The new signing secret, shown only now; the old one stops working at once */
            signingSecret: string;
        };
        IntegrationTestOutputDTO: {
            /**
             * Format: uuid
             * @description The test is in the delivery log too
             */
            deliveryId: string;
            error: string | null;
            ok: boolean;
            /** @description HTTP status of the receiver (null for email or when no answer came) */
            statusCode: number | null;
        };
        IntegrationUpdateDTO: {
            /** @default true */
            enabled?: boolean;
            /** @description What to send: server.state, server.crashed, alert.fired, alert.resolved, backup.completed, backup.failed, member.joined, member.left, node.online, node.offline. server.state is sent for running, offline, crashed and install_failed only. */
            events?: ("server.state" | "server.crashed" | "alert.fired" | "alert.resolved" | "backup.completed" | "backup.failed" | "member.joined" | "member.left" | "node.online" | "node.offline")[];
            name?: string;
            /** @description email: recipients (1–20 addresses) */
            recipients?: string[];
            /** @description email: sender with smtpUrl, e.g. "Outpost <alerts@example.com>" */
            smtpFrom?: string | null;
            /** @description email: the integration's own SMTP server, smtp(s)://user:pass@host:port (secret, never returned); omit or null to use the instance's */
            smtpUrl?: string | null;
            /** @description discord, slack, webhook: the http(s) URL to POST to (Discord/Slack incoming-webhook URL). Secret: stored encrypted, never returned. Refused (400) when it resolves to a loopback, private, link-local or metadata address, unless the instance allows them. */
            url?: string;
        };
        InviteOutputDTO: {
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            domainId: string;
            /** @description The invite link was sent to the email address (instance mail is configured and the mail server accepted it) */
            emailed: boolean;
            /** @description Why the invite email could not be sent; null when it was sent or mail is not configured */
            emailError: string | null;
            /** Format: uuid */
            id: string;
            inviteEmail: string | null;
            /** Format: date-time */
            inviteExpiresAt: string | null;
            /** @description Give this to the invitee; shown once. They accept with POST /membership/accept */
            inviteToken: string;
            /** @description Permissions this member holds beyond the role's */
            permissionsGranted: ("domain.manage" | "members.read" | "members.manage" | "roles.manage" | "apitokens.manage" | "auditlog.read" | "nodes.read" | "nodes.manage" | "workloads.read" | "workloads.manage" | "gameserver.read" | "gameserver.create" | "gameserver.manage" | "gameserver.control" | "gameserver.console" | "files.read" | "files.write" | "backups.read" | "backups.manage" | "schedules.read" | "schedules.manage" | "alerts.read" | "alerts.manage" | "integrations.manage" | "deploy.manage")[];
            /** @description The role's permissions this member does not hold */
            permissionsRevoked: ("domain.manage" | "members.read" | "members.manage" | "roles.manage" | "apitokens.manage" | "auditlog.read" | "nodes.read" | "nodes.manage" | "workloads.read" | "workloads.manage" | "gameserver.read" | "gameserver.create" | "gameserver.manage" | "gameserver.control" | "gameserver.console" | "files.read" | "files.write" | "backups.read" | "backups.manage" | "schedules.read" | "schedules.manage" | "alerts.read" | "alerts.manage" | "integrations.manage" | "deploy.manage")[];
            role?: components["schemas"]["RoleOutputDTO"];
            /** Format: uuid */
            roleId: string;
            /** @enum {string} */
            state: "ACTIVE" | "INVITED";
            /** Format: date-time */
            updatedAt: string;
            user?: components["schemas"]["UserOutputDTO"];
            /** Format: uuid */
            userId: string | null;
        };
        InvitePreviewOutputDTO: {
            domainName: string;
            /** @description The address the invite was sent to; the new account gets it */
            email: string | null;
            /** Format: date-time */
            expiresAt: string | null;
            roleName: string;
        };
        InviteRegisterDTO: {
            /** @description Must be the invite's email when given (the account always gets that one) */
            email?: string;
            password: string;
            username: string;
        };
        LoginDTO: {
            password: string;
            /** @description Username or email */
            username: string;
        };
        LoginOutputDTO: {
            /** @description Send with the TOTP code to POST /auth/mfa/verify */
            challengeToken?: string;
            expiresIn?: number;
            mfaRequired?: boolean;
            refreshToken?: string;
            /** @description Access token (JWT, 15 minutes); absent when MFA is required */
            token?: string;
        };
        LogoutDTO: {
            /** @description Ends this session only; without it every session of the user ends */
            refreshToken?: string;
        };
        MeDomainDTO: {
            /** Format: uuid */
            id: string;
            name: string;
            state: string;
        };
        MemberPermissionsOutputDTO: {
            /** @description What the member holds: role + granted - revoked */
            effective: ("domain.manage" | "members.read" | "members.manage" | "roles.manage" | "apitokens.manage" | "auditlog.read" | "nodes.read" | "nodes.manage" | "workloads.read" | "workloads.manage" | "gameserver.read" | "gameserver.create" | "gameserver.manage" | "gameserver.control" | "gameserver.console" | "files.read" | "files.write" | "backups.read" | "backups.manage" | "schedules.read" | "schedules.manage" | "alerts.read" | "alerts.manage" | "integrations.manage" | "deploy.manage")[];
            /** @description Granted to this member on top of the role */
            granted: ("domain.manage" | "members.read" | "members.manage" | "roles.manage" | "apitokens.manage" | "auditlog.read" | "nodes.read" | "nodes.manage" | "workloads.read" | "workloads.manage" | "gameserver.read" | "gameserver.create" | "gameserver.manage" | "gameserver.control" | "gameserver.console" | "files.read" | "files.write" | "backups.read" | "backups.manage" | "schedules.read" | "schedules.manage" | "alerts.read" | "alerts.manage" | "integrations.manage" | "deploy.manage")[];
            /** Format: uuid */
            membershipId: string;
            /** @description Removed from this member although the role has them */
            revoked: ("domain.manage" | "members.read" | "members.manage" | "roles.manage" | "apitokens.manage" | "auditlog.read" | "nodes.read" | "nodes.manage" | "workloads.read" | "workloads.manage" | "gameserver.read" | "gameserver.create" | "gameserver.manage" | "gameserver.control" | "gameserver.console" | "files.read" | "files.write" | "backups.read" | "backups.manage" | "schedules.read" | "schedules.manage" | "alerts.read" | "alerts.manage" | "integrations.manage" | "deploy.manage")[];
            /** @description The role's permissions */
            role: ("domain.manage" | "members.read" | "members.manage" | "roles.manage" | "apitokens.manage" | "auditlog.read" | "nodes.read" | "nodes.manage" | "workloads.read" | "workloads.manage" | "gameserver.read" | "gameserver.create" | "gameserver.manage" | "gameserver.control" | "gameserver.console" | "files.read" | "files.write" | "backups.read" | "backups.manage" | "schedules.read" | "schedules.manage" | "alerts.read" | "alerts.manage" | "integrations.manage" | "deploy.manage")[];
            /** Format: uuid */
            roleId: string;
            roleName: string;
            /** Format: uuid */
            userId: string | null;
            /** @description The member (null for an invite not yet accepted) */
            username: string | null;
        };
        MemberPermissionsUpdateDTO: {
            /** @description Held on top of the role's permissions */
            grant: ("domain.manage" | "members.read" | "members.manage" | "roles.manage" | "apitokens.manage" | "auditlog.read" | "nodes.read" | "nodes.manage" | "workloads.read" | "workloads.manage" | "gameserver.read" | "gameserver.create" | "gameserver.manage" | "gameserver.control" | "gameserver.console" | "files.read" | "files.write" | "backups.read" | "backups.manage" | "schedules.read" | "schedules.manage" | "alerts.read" | "alerts.manage" | "integrations.manage" | "deploy.manage")[];
            /** @description The role's permissions this member does not get */
            revoke: ("domain.manage" | "members.read" | "members.manage" | "roles.manage" | "apitokens.manage" | "auditlog.read" | "nodes.read" | "nodes.manage" | "workloads.read" | "workloads.manage" | "gameserver.read" | "gameserver.create" | "gameserver.manage" | "gameserver.control" | "gameserver.console" | "files.read" | "files.write" | "backups.read" | "backups.manage" | "schedules.read" | "schedules.manage" | "alerts.read" | "alerts.manage" | "integrations.manage" | "deploy.manage")[];
        };
        MembershipAcceptDTO: {
            token: string;
        };
        MembershipInviteDTO: {
            email: string;
            /**
             * Format: uuid
             * @description Default: the Member role
             */
            roleId?: string;
        };
        MembershipOutputDTO: {
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            domainId: string;
            /** Format: uuid */
            id: string;
            inviteEmail: string | null;
            /** Format: date-time */
            inviteExpiresAt: string | null;
            /** @description Permissions this member holds beyond the role's */
            permissionsGranted: ("domain.manage" | "members.read" | "members.manage" | "roles.manage" | "apitokens.manage" | "auditlog.read" | "nodes.read" | "nodes.manage" | "workloads.read" | "workloads.manage" | "gameserver.read" | "gameserver.create" | "gameserver.manage" | "gameserver.control" | "gameserver.console" | "files.read" | "files.write" | "backups.read" | "backups.manage" | "schedules.read" | "schedules.manage" | "alerts.read" | "alerts.manage" | "integrations.manage" | "deploy.manage")[];
            /** @description The role's permissions this member does not hold */
            permissionsRevoked: ("domain.manage" | "members.read" | "members.manage" | "roles.manage" | "apitokens.manage" | "auditlog.read" | "nodes.read" | "nodes.manage" | "workloads.read" | "workloads.manage" | "gameserver.read" | "gameserver.create" | "gameserver.manage" | "gameserver.control" | "gameserver.console" | "files.read" | "files.write" | "backups.read" | "backups.manage" | "schedules.read" | "schedules.manage" | "alerts.read" | "alerts.manage" | "integrations.manage" | "deploy.manage")[];
            role?: components["schemas"]["RoleOutputDTO"];
            /** Format: uuid */
            roleId: string;
            /** @enum {string} */
            state: "ACTIVE" | "INVITED";
            /** Format: date-time */
            updatedAt: string;
            user?: components["schemas"]["UserOutputDTO"];
            /** Format: uuid */
            userId: string | null;
        };
        MembershipSearchFilters: {
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            id?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            inviteEmail?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            roleId?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            state?: (("ACTIVE" | "INVITED") | ("ACTIVE" | "INVITED")[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            userId?: (string | string[]) | null;
        };
        MembershipSearchInputDTO: {
            extend?: ("role" | "user" | "user.memberships")[];
            filters?: components["schemas"]["MembershipSearchFilters"];
            greaterThan?: components["schemas"]["MembershipSearchRange"];
            lessThan?: components["schemas"]["MembershipSearchRange"];
            /** @default 100 */
            limit?: number;
            /**
             * @description Page number, starting at 0
             * @default 0
             */
            page?: number;
            search?: components["schemas"]["MembershipSearchTerms"];
            /** @enum {string} */
            sortBy?: "state" | "createdAt" | "updatedAt";
            /** @enum {string} */
            sortDirection?: "asc" | "desc";
        };
        MembershipSearchRange: {
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            createdAt?: string;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            updatedAt?: string;
        };
        MembershipSearchTerms: {
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            inviteEmail?: string | string[];
        };
        MembershipUpdateDTO: {
            /** Format: uuid */
            roleId: string;
        };
        MemoryUsageDTO: {
            heapUsedBytes: number;
            rssBytes: number;
        };
        MeOutputDTO: {
            /** @description The currently selected domain id */
            domain: string | null;
            domains: components["schemas"]["MeDomainDTO"][];
            /** @description Your permissions in the selected domain */
            permissions: string[];
            user: components["schemas"]["UserOutputDTO"];
        };
        MetaDTO: {
            limit?: number;
            page?: number;
            serverTime: string;
            total?: number;
        };
        MfaCodeDTO: {
            /** @description A 6-digit TOTP code (or a recovery code when verifying a login) */
            code: string;
        };
        MfaConfirmOutputDTO: {
            enabled: boolean;
            /** @description Shown once */
            recoveryCodes: string[];
        };
        MfaEnrollOutputDTO: {
            otpauthUri: string;
            secret: string;
        };
        MfaStatusOutputDTO: {
            enabled: boolean;
        };
        MfaVerifyDTO: {
            challengeToken: string;
            /** @description A 6-digit TOTP code (or a recovery code when verifying a login) */
            code: string;
        };
        MkdirDTO: {
            path: string;
        };
        NetworkAddressDTO: {
            address: string;
            /** @enum {string} */
            family: "IPv4" | "IPv6";
            internal: boolean;
        };
        NetworkInterfaceDTO: {
            addresses: components["schemas"]["NetworkAddressDTO"][];
            name: string;
        };
        NodeCreateDTO: {
            /** @description Address players connect to */
            address: string;
            /** @description 100 = one core */
            cpuPercent: number;
            diskMiB: number;
            location?: string;
            memoryMiB: number;
            name: string;
            overallocationPercent?: number;
            portRangeEnd?: number;
            portRangeStart?: number;
            /** @description Instance administrators: a node every domain may place servers on */
            shared?: boolean;
            tags?: string[];
        };
        NodeFitDTO: {
            fits: boolean;
            freeCpuPercent: number;
            freeDiskMiB: number;
            /** @description Free memory after placement, MiB */
            freeMemoryMiB: number;
            name: string;
            /** Format: uuid */
            nodeId: string;
            reasons: string[];
        };
        NodeInventoryDTO: {
            connected: boolean;
            /** @description Outpost-managed containers; on a shared node only the caller's domain's, unless an instance administrator */
            containers: components["schemas"]["ContainerSummaryDTO"][];
            disks: components["schemas"]["DiskInfoDTO"][];
            /** @description null when the runtime does not answer */
            docker: components["schemas"]["DockerInfoDTO"] | null;
            /** @description Empty on a shared node unless the caller is an instance administrator */
            network: components["schemas"]["NetworkInterfaceDTO"][];
            /** @description The top 200 processes by CPU; empty on a shared node unless the caller is an instance administrator */
            processes: components["schemas"]["ProcessInfoDTO"][];
            /**
             * Format: date-time
             * @description Last heartbeat
             */
            reportedAt: string | null;
            /**
             * @description node: the whole machine; domain: a shared node seen by one of its tenants
             * @enum {string}
             */
            scope: "node" | "domain";
            system: components["schemas"]["SystemInfoDTO"];
            /** @description The machine's /etc/passwd accounts (at most 500); empty on a shared node unless the caller is an instance administrator */
            systemUsers: components["schemas"]["SystemUserDTO"][];
        };
        NodeMetricOutputDTO: {
            cpuPercent: number;
            diskTotalBytes: number;
            diskUsedBytes: number;
            load1: number;
            memoryTotalBytes: number;
            memoryUsedBytes: number;
            networkRxBytes: number;
            networkTxBytes: number;
            /** Format: date-time */
            time: string;
        };
        NodeOutputDTO: {
            address: string;
            agentVersion: string | null;
            cpuPercent: number;
            /** Format: date-time */
            createdAt: string;
            diskMiB: number;
            /**
             * Format: uuid
             * @description null for a shared node
             */
            domainId: string | null;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            lastHeartbeatAt: string | null;
            location: string;
            memoryMiB: number;
            name: string;
            overallocationPercent: number;
            portRangeEnd: number;
            portRangeStart: number;
            /** @enum {string} */
            scheduling: "active" | "cordoned" | "draining";
            /** @description A shared node of the instance: every domain may place servers on it */
            shared: boolean;
            /** @enum {string} */
            state: "pending" | "online" | "offline" | "cordoned" | "draining";
            /** @enum {string} */
            status: "pending" | "online" | "offline";
            tags: string[];
            /** Format: date-time */
            updatedAt: string;
        };
        NodeSearchFilters: {
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            address?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            cpuPercent?: (number | number[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            diskMiB?: (number | number[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            id?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            location?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            memoryMiB?: (number | number[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            name?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            scheduling?: (("active" | "cordoned" | "draining") | ("active" | "cordoned" | "draining")[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            status?: (("pending" | "online" | "offline") | ("pending" | "online" | "offline")[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            tags?: (string | string[]) | null;
        };
        NodeSearchInputDTO: {
            extend?: string[];
            filters?: components["schemas"]["NodeSearchFilters"];
            greaterThan?: components["schemas"]["NodeSearchRange"];
            lessThan?: components["schemas"]["NodeSearchRange"];
            /** @default 100 */
            limit?: number;
            /**
             * @description Page number, starting at 0
             * @default 0
             */
            page?: number;
            search?: components["schemas"]["NodeSearchTerms"];
            /** @enum {string} */
            sortBy?: "name" | "address" | "location" | "status" | "scheduling" | "memoryMiB" | "diskMiB" | "cpuPercent" | "lastHeartbeatAt" | "createdAt" | "updatedAt";
            /** @enum {string} */
            sortDirection?: "asc" | "desc";
        };
        NodeSearchRange: {
            /** @description Exclusive bound */
            cpuPercent?: number;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            createdAt?: string;
            /** @description Exclusive bound */
            diskMiB?: number;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            lastHeartbeatAt?: string;
            /** @description Exclusive bound */
            memoryMiB?: number;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            updatedAt?: string;
        };
        NodeSearchTerms: {
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            address?: string | string[];
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            location?: string | string[];
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            name?: string | string[];
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            tags?: string | string[];
        };
        NodeUpdateDTO: {
            address?: string;
            cpuPercent?: number;
            diskMiB?: number;
            location?: string;
            memoryMiB?: number;
            name?: string;
            overallocationPercent?: number;
            portRangeEnd?: number;
            portRangeStart?: number;
            tags?: string[];
        };
        PanelAccessDTO: {
            /** @description An application API key (ptla_…, Admin → Application API) with read access; used for this request only, never stored or logged */
            apiKey: string;
            /**
             * @description The panel's address, e.g. https://panel.example.com (the outbound guard refuses the platform's own network)
             * @example https://panel.example.com
             */
            url: string;
        };
        PanelAllocationDTO: {
            alias: string | null;
            id: number;
            ip: string;
            port: number;
            primary: boolean;
        };
        PanelFactsDTO: {
            nestCount: number;
            /** @description The normalized panel address the import uses */
            panelUrl: string;
            serverCount: number;
        };
        PanelLimitsDTO: {
            /** @description Percent of one core, 0 = unlimited */
            cpu: number;
            /** @description MiB, 0 = unlimited */
            disk: number;
            io: number;
            /** @description MiB, 0 = unlimited */
            memory: number;
            /** @description MiB, -1 = unlimited, 0 = none */
            swap: number;
        };
        PanelServerDTO: {
            allocations: components["schemas"]["PanelAllocationDTO"][];
            description: string;
            eggId: number;
            eggName: string | null;
            id: number;
            identifier: string;
            /**
             * Format: uuid
             * @description The game server of this domain it was imported as, if any
             */
            importedAs: string | null;
            limits: components["schemas"]["PanelLimitsDTO"];
            name: string;
            nestId: number;
            uuid: string;
        };
        PanelServerListDTO: {
            /** @description Pages read for this answer */
            pages: number[];
            panelUrl: string;
            servers: components["schemas"]["PanelServerDTO"][];
            /** @description Servers on the panel */
            total: number;
            totalPages: number;
            /** @description More pages exist than one listing follows (20); ask for them with page */
            truncated: boolean;
        };
        PanelServerListInputDTO: {
            /** @description An application API key (ptla_…, Admin → Application API) with read access; used for this request only, never stored or logged */
            apiKey: string;
            /** @description One page of the panel's servers (50 a page); omitted: every page, at most 20 */
            page?: number;
            /**
             * @description The panel's address, e.g. https://panel.example.com (the outbound guard refuses the platform's own network)
             * @example https://panel.example.com
             */
            url: string;
        };
        PathsDTO: {
            paths: string[];
        };
        PermissionOutputDTO: {
            description: string;
            key: string;
        };
        PortDefaultDTO: {
            /** @description 0: the same as the allocated host port (the server binds SERVER_PORT) */
            containerPort: number;
            /** @description Unique within the definition */
            name: string;
            /** @enum {string} */
            protocol: "tcp" | "udp";
        };
        PowerDTO: {
            /** @enum {string} */
            action: "start" | "stop" | "restart" | "kill";
        };
        ProcessInfoDTO: {
            /** @description Command line, at most 256 characters; [name] for kernel threads */
            command: string;
            /** @description Average CPU since the process started, percent of one core (as ps %cpu) */
            cpuPercent: number;
            /** @description Resident memory */
            memoryBytes: number;
            pid: number;
            uid: number;
            /** @description Effective user's name from the machine's /etc/passwd, else the uid as text */
            user: string;
        };
        PterodactylImportInputDTO: {
            /** @description An application API key (ptla_…, Admin → Application API) with read access; used for this request only, never stored or logged */
            apiKey: string;
            /** @description true: only report what would happen; nothing is created */
            dryRun: boolean;
            /**
             * Format: uuid
             * @description The Outpost node the servers are created on
             */
            nodeId: string;
            /** @description Panel server ids (the numeric `id` of the listing) */
            serverIds: number[];
            /**
             * @description The panel's address, e.g. https://panel.example.com (the outbound guard refuses the platform's own network)
             * @example https://panel.example.com
             */
            url: string;
        };
        PublicSettingsOutputDTO: {
            /**
             * @description Who may create domains (DOMAIN_CREATION): a new account without a domain creates its own, or waits for an invite
             * @enum {string}
             */
            domainCreation: "everyone" | "admins";
            /** @description Password-reset emails can be sent (the instance has SMTP_URL) */
            passwordResetEnabled: boolean;
            /** @description Anyone may create an account (POST /auth/register) */
            registrationEnabled: boolean;
            /** @description Registration is limited to some email domains (which ones is not published) */
            registrationRestricted: boolean;
        };
        ReadinessDTO: {
            database: components["schemas"]["DatabaseUpDTO"];
            redis: components["schemas"]["RedisHealthDTO"];
            /** @enum {string} */
            status: "ok";
        };
        RedisHealthDTO: {
            /**
             * @description disabled: no REDIS_URL; down: unreachable now, in-process fallbacks in use (readiness still ok)
             * @enum {string}
             */
            status: "up" | "down" | "disabled";
        };
        RefreshDTO: {
            refreshToken: string;
        };
        RegisterDTO: {
            /** Format: email */
            email: string;
            password: string;
            username: string;
        };
        RegisterTokenOutputDTO: {
            /** @description The API's public URL (PUBLIC_URL) agents should dial; null when not configured (use the address the dashboard is served from) */
            apiUrl: string | null;
            /** @description Run this on the node: downloads, verifies and starts the agent (GET /agent/install.sh) */
            command: string;
            /** @description Default directory for the agent's identity and server data */
            dataDir: string;
            /** Format: date-time */
            expiresAt: string;
            /** @description One-time token, shown once */
            token: string;
        };
        RenameDTO: {
            from: string;
            /** @default false */
            overwrite?: boolean;
            /** @description New path (a different directory moves the entry) */
            to: string;
        };
        ResetPasswordDTO: {
            newPassword: string;
            /** @description The token from the emailed link (/reset-password?token=…) */
            token: string;
        };
        ResourceDefaultsDTO: {
            /** @description Percent of one core (100 = one core) */
            cpuPercent: number;
            diskMiB: number;
            memoryMiB: number;
            pids: number;
            ports: components["schemas"]["PortDefaultDTO"][];
        };
        RoleCreateDTO: {
            name: string;
            permissions: ("domain.manage" | "members.read" | "members.manage" | "roles.manage" | "apitokens.manage" | "auditlog.read" | "nodes.read" | "nodes.manage" | "workloads.read" | "workloads.manage" | "gameserver.read" | "gameserver.create" | "gameserver.manage" | "gameserver.control" | "gameserver.console" | "files.read" | "files.write" | "backups.read" | "backups.manage" | "schedules.read" | "schedules.manage" | "alerts.read" | "alerts.manage" | "integrations.manage" | "deploy.manage")[];
        };
        RoleOutputDTO: {
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            domainId: string;
            /** Format: uuid */
            id: string;
            name: string;
            permissions: ("domain.manage" | "members.read" | "members.manage" | "roles.manage" | "apitokens.manage" | "auditlog.read" | "nodes.read" | "nodes.manage" | "workloads.read" | "workloads.manage" | "gameserver.read" | "gameserver.create" | "gameserver.manage" | "gameserver.control" | "gameserver.console" | "files.read" | "files.write" | "backups.read" | "backups.manage" | "schedules.read" | "schedules.manage" | "alerts.read" | "alerts.manage" | "integrations.manage" | "deploy.manage")[];
            system: boolean;
            /** Format: date-time */
            updatedAt: string;
        };
        RoleSearchFilters: {
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            id?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            name?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            permissions?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            system?: (boolean | boolean[]) | null;
        };
        RoleSearchInputDTO: {
            extend?: string[];
            filters?: components["schemas"]["RoleSearchFilters"];
            greaterThan?: components["schemas"]["RoleSearchRange"];
            lessThan?: components["schemas"]["RoleSearchRange"];
            /** @default 100 */
            limit?: number;
            /**
             * @description Page number, starting at 0
             * @default 0
             */
            page?: number;
            search?: components["schemas"]["RoleSearchTerms"];
            /** @enum {string} */
            sortBy?: "name" | "createdAt" | "updatedAt";
            /** @enum {string} */
            sortDirection?: "asc" | "desc";
        };
        RoleSearchRange: {
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            createdAt?: string;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            updatedAt?: string;
        };
        RoleSearchTerms: {
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            name?: string | string[];
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            permissions?: string | string[];
        };
        RoleUpdateDTO: {
            name?: string;
            permissions?: ("domain.manage" | "members.read" | "members.manage" | "roles.manage" | "apitokens.manage" | "auditlog.read" | "nodes.read" | "nodes.manage" | "workloads.read" | "workloads.manage" | "gameserver.read" | "gameserver.create" | "gameserver.manage" | "gameserver.control" | "gameserver.console" | "files.read" | "files.write" | "backups.read" | "backups.manage" | "schedules.read" | "schedules.manage" | "alerts.read" | "alerts.manage" | "integrations.manage" | "deploy.manage")[];
        };
        ScheduleCreateDTO: {
            /**
             * @description Cron expression: 5 fields (minute hour day month weekday) or 6 with seconds first. Fires at most once every 10 s (SCHEDULE_MIN_INTERVAL_SECONDS).
             * @example 0 4 * * *
             */
            cron: string;
            /** @default true */
            enabled?: boolean;
            /** Format: uuid */
            gameserverId: string;
            name: string;
            /**
             * @description Checked when a run starts: a server that is not running makes the run `skipped`
             * @default false
             */
            onlyWhenRunning?: boolean;
            /** @description Run in order; a failing task fails the run and later tasks are not run */
            tasks: components["schemas"]["ScheduleTaskDTO"][];
            /**
             * @description IANA timezone the cron is read in (DST-aware)
             * @default UTC
             */
            timezone?: string;
        };
        ScheduleLastRunDTO: {
            /** Format: date-time */
            dueAt: string;
            error: string | null;
            /** Format: date-time */
            finishedAt: string | null;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            status: "running" | "completed" | "failed" | "skipped";
            /** @enum {string} */
            trigger: "cron" | "catch_up" | "manual";
        };
        ScheduleOutputDTO: {
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            createdBy: string | null;
            /** @description Cron expression: 5 fields (minute hour day month weekday) or 6 with seconds first. Fires at most once every 10 s (SCHEDULE_MIN_INTERVAL_SECONDS). */
            cron: string;
            /** @description The cron in words, with the timezone, e.g. "At 04:00 AM (UTC)" */
            description: string;
            /** Format: uuid */
            domainId: string;
            enabled: boolean;
            /** Format: uuid */
            gameserverId: string;
            /** Format: uuid */
            id: string;
            lastRun: components["schemas"]["ScheduleLastRunDTO"] | null;
            /** Format: date-time */
            lastRunAt: string | null;
            name: string;
            /**
             * Format: date-time
             * @description Next due time; null while disabled. Missed runs: a schedule that came due while no API process was up runs once when the API is back, as a `catch_up` run (never once per missed slot); its next time is then computed from that moment. With several API processes each due time runs exactly once.
             */
            nextRunAt: string | null;
            onlyWhenRunning: boolean;
            tasks: components["schemas"]["ScheduleTaskOutputDTO"][];
            timezone: string;
            /** Format: date-time */
            updatedAt: string;
        };
        ScheduleRunOutputDTO: {
            /** Format: uuid */
            domainId: string;
            /**
             * Format: date-time
             * @description The due time this run is for (manual runs: when asked)
             */
            dueAt: string;
            /** @description Which task failed and why, or why the run was skipped */
            error: string | null;
            /** Format: date-time */
            finishedAt: string | null;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            scheduleId: string;
            /** Format: date-time */
            startedAt: string;
            /** @enum {string} */
            status: "running" | "completed" | "failed" | "skipped";
            steps: components["schemas"]["StepResultDTO"][];
            /** @description The tasks as they were when the run started */
            tasks: components["schemas"]["ScheduleTaskOutputDTO"][];
            /**
             * @description cron: on time; catch_up: the one run after downtime; manual: run now. Missed runs: a schedule that came due while no API process was up runs once when the API is back, as a `catch_up` run (never once per missed slot); its next time is then computed from that moment. With several API processes each due time runs exactly once.
             * @enum {string}
             */
            trigger: "cron" | "catch_up" | "manual";
        };
        ScheduleRunSearchFilters: {
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            error?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            id?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            scheduleId?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            status?: (("running" | "completed" | "failed" | "skipped") | ("running" | "completed" | "failed" | "skipped")[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            trigger?: (("cron" | "catch_up" | "manual") | ("cron" | "catch_up" | "manual")[]) | null;
        };
        ScheduleRunSearchInputDTO: {
            extend?: string[];
            filters?: components["schemas"]["ScheduleRunSearchFilters"];
            greaterThan?: components["schemas"]["ScheduleRunSearchRange"];
            lessThan?: components["schemas"]["ScheduleRunSearchRange"];
            /** @default 100 */
            limit?: number;
            /**
             * @description Page number, starting at 0
             * @default 0
             */
            page?: number;
            search?: components["schemas"]["ScheduleRunSearchTerms"];
            /** @enum {string} */
            sortBy?: "status" | "dueAt" | "startedAt" | "finishedAt";
            /** @enum {string} */
            sortDirection?: "asc" | "desc";
        };
        ScheduleRunSearchRange: {
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            dueAt?: string;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            finishedAt?: string;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            startedAt?: string;
        };
        ScheduleRunSearchTerms: {
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            error?: string | string[];
        };
        ScheduleSearchFilters: {
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            enabled?: (boolean | boolean[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            gameserverId?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            id?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            name?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            onlyWhenRunning?: (boolean | boolean[]) | null;
        };
        ScheduleSearchInputDTO: {
            extend?: string[];
            filters?: components["schemas"]["ScheduleSearchFilters"];
            greaterThan?: components["schemas"]["ScheduleSearchRange"];
            lessThan?: components["schemas"]["ScheduleSearchRange"];
            /** @default 100 */
            limit?: number;
            /**
             * @description Page number, starting at 0
             * @default 0
             */
            page?: number;
            search?: components["schemas"]["ScheduleSearchTerms"];
            /** @enum {string} */
            sortBy?: "name" | "nextRunAt" | "lastRunAt" | "createdAt" | "updatedAt";
            /** @enum {string} */
            sortDirection?: "asc" | "desc";
        };
        ScheduleSearchRange: {
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            createdAt?: string;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            lastRunAt?: string;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            nextRunAt?: string;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            updatedAt?: string;
        };
        ScheduleSearchTerms: {
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            name?: string | string[];
        };
        ScheduleTaskDTO: {
            /**
             * @description One task, by `action`: `power` (needs `power`: start, stop, restart or kill; the caller needs gameserver.control), `command` (needs `command`, one console line; gameserver.console) or `backup` (optional `name`; backups.manage). `delaySeconds` is the wait before this task.
             * @enum {string}
             */
            action: "power" | "command" | "backup";
            /** @description For `command` tasks: one console line */
            command?: string;
            /**
             * @description Seconds to wait before this task
             * @default 0
             */
            delaySeconds?: number;
            /** @description For `backup` tasks: the backup name (default: generated) */
            name?: string;
            /**
             * @description For `power` tasks
             * @enum {string}
             */
            power?: "start" | "stop" | "restart" | "kill";
        };
        ScheduleTaskOutputDTO: {
            /** @enum {string} */
            action: "power" | "command" | "backup";
            command?: string;
            delaySeconds: number;
            name?: string;
            /** @enum {string} */
            power?: "start" | "stop" | "restart" | "kill";
        };
        ScheduleUpdateDTO: {
            /** @description Cron expression: 5 fields (minute hour day month weekday) or 6 with seconds first. Fires at most once every 10 s (SCHEDULE_MIN_INTERVAL_SECONDS). */
            cron?: string;
            /** @description Enabling computes the next time from now (no catch-up for the time it was disabled) */
            enabled?: boolean;
            name?: string;
            onlyWhenRunning?: boolean;
            tasks?: components["schemas"]["ScheduleTaskDTO"][];
            timezone?: string;
        };
        SelectedDomainOutputDTO: {
            /**
             * Format: uuid
             * @description The domain now in the takaro-domain cookie
             */
            domain: string;
        };
        SessionOutputDTO: {
            /**
             * Format: date-time
             * @description When the user signed in
             */
            createdAt: string;
            /** @description The session making this request */
            current: boolean;
            /** Format: date-time */
            expiresAt: string;
            /** Format: uuid */
            id: string;
            /**
             * Format: date-time
             * @description The latest sign-in or token refresh of this session
             */
            lastUsedAt: string;
        };
        SkyportCreatedNodeDTO: {
            address: string;
            /** @description Run this on the node to connect its agent */
            configureCommand: string;
            /** @description One-time token for the node's agent (valid one hour) */
            configureKey: string;
            cpuPercent: number;
            /** @description The text given at /api/nodes/create; for nodes made otherwise GB (diskMiB / 1024) */
            disk: string | number;
            diskMiB: number;
            /** Format: uuid */
            id: string;
            location: string;
            memoryMiB: number;
            name: string;
            /** @description Always null: Outpost agents connect to the panel, there is no daemon port */
            port: number | null;
            portRangeEnd: number;
            portRangeStart: number;
            /** @description The text given at /api/nodes/create; for nodes made otherwise CPU cores (cpuPercent / 100) */
            processor: string | number;
            /** @description The text given at /api/nodes/create; for nodes made otherwise GB (memoryMiB / 1024) */
            ram: string | number;
            /** @description Outpost's node state: pending, online, offline, cordoned, draining */
            state: string;
            /** @enum {string} */
            status: "Online" | "Offline" | "Unconfigured";
            tags: string[];
            versionRelease: string | null;
        };
        SkyportCreateNodeDTO: {
            /** @description Required. IP or host name players connect to */
            address?: string;
            /** @description Required. Disk specification, free text kept as given ("100GB", "2TB", "100"). diskMiB is parsed like ram; text without a size gives 50 GB */
            disk?: string;
            /** @description Required */
            name?: string;
            /** @description Required. Skyport's daemon port: validated (1-65535) but not used, Outpost agents connect to the panel */
            port?: string;
            /** @description Required. Processor specification, free text kept as given ("4", "4 cores", "x86", "Intel Xeon E5"). cpuPercent = cores × 100 where the text names a core count; otherwise 2 cores */
            processor?: string;
            /** @description Required. RAM specification, free text kept as given ("4GB", "512MB", "8"). memoryMiB is parsed from it: a unit in the text wins (KB, MB, GB, TB, binary: "4GB" = 4096 MiB); a bare number is GB; text without a size gives 4 GB */
            ram?: string;
            /** @description Required. Comma-separated string or array of strings */
            tags?: string | string[];
        };
        SkyportCreateUserDTO: {
            /** @description true = the domain's Admin role (never instance administrator); default the Member role */
            admin?: boolean;
            /** @description Required */
            email?: string;
            /** @description Required. 10-256 characters */
            password?: string;
            /** @description Accepted for compatibility and ignored: Outpost generates user ids (the reply carries it) */
            userId?: string;
            /** @description Required. 3-32 characters: letters, digits, _ . - */
            username?: string;
        };
        SkyportDeployDTO: {
            /** @description Required. CPU threads ("1" = one core = 100% = NanoCpus 1e9; "0.5" = half a core); enforced as a hard CPU quota */
            cpu?: string;
            /** @description Required. An image offered by one of the domain's workloads (GET /api/images) */
            image?: string;
            /** @description Required. Memory limit in MiB */
            memory?: string;
            /** @description Required. Name of the instance */
            name?: string;
            /** @description Required. A node of the key's domain */
            nodeId?: string;
            /** @description Required. "containerPort:hostPort,containerPort:hostPort"; host ports must be free and inside the node's port range; bound for tcp and udp */
            ports?: string;
            /** @description Required. The primary port: one of the host (or container) ports in ports */
            primary?: string;
            /** @description Required. userId of the owner (a member of the key's domain) */
            user?: string;
        };
        SkyportDeployedDTO: {
            ContainerId: string | null;
            /** Format: uuid */
            Id: string;
            Message: string;
            State: string;
            VolumeId: string;
        };
        SkyportErrorDTO: {
            /** @description Validation problems [{ path, code, message }] or the node's answer */
            details?: Record<string, never>;
            /** @example Missing parameters */
            error: string;
            /** @description On 500s; also in the server log */
            errorId?: string;
        };
        SkyportGetUserDTO: {
            /** @enum {string} */
            type?: "email" | "username";
            /** @description The email or username to look up */
            value?: string;
        };
        SkyportIdDTO: {
            /** @description Required. Instance Id (or its ContainerId) */
            id?: string;
        };
        SkyportImageDTO: {
            /** @description The workload's other images */
            AltImages: string[];
            Author: string | null;
            /** @description Whether POST /api/instances/deploy accepts it */
            Deployable: boolean;
            Description: string;
            /** @description Default environment, "KEY=value" */
            Env: string[];
            Image: string;
            Name: string;
            /** @description Nodes that have the image locally (node images) */
            Nodes?: string[];
            /**
             * @description workload: deployable with POST /api/instances/deploy; node: only present on a node
             * @enum {string}
             */
            Source: "workload" | "node";
            /** Format: uuid */
            WorkloadId?: string;
        };
        SkyportInstanceDTO: {
            ContainerId: string | null;
            /** @description CPU threads (cpuPercent / 100) */
            Cpu: number;
            /** Format: date-time */
            CreatedAt: string;
            /** @description MiB */
            Disk: number;
            ExposedPorts: {
                [key: string]: unknown;
            };
            /** Format: uuid */
            Id: string;
            Image: string;
            /** @enum {string} */
            InternalState: "INSTALLING" | "READY" | "FAILED";
            /** @description MiB */
            Memory: number;
            Name: string;
            Node: components["schemas"]["SkyportNodeDTO"];
            PortBindings: {
                [key: string]: unknown;
            };
            /** @description "containerPort:hostPort,…" */
            Ports: string;
            /** @description Primary host port */
            Primary: string | null;
            /** @enum {string} */
            State: "installing" | "install_failed" | "offline" | "starting" | "running" | "stopping" | "crashed" | "unknown";
            StateReason: string | null;
            /**
             * Format: uuid
             * @description Owner userId
             */
            User: string | null;
            /** @description Same as Id (the server data directory is keyed by it) */
            VolumeId: string;
            /** Format: uuid */
            WorkloadId: string;
        };
        SkyportMessageDTO: {
            Message: string;
        };
        SkyportNodeCreatedDTO: {
            Message: components["schemas"]["SkyportCreatedNodeDTO"];
        };
        SkyportNodeDTO: {
            address: string;
            cpuPercent: number;
            /** @description The text given at /api/nodes/create; for nodes made otherwise GB (diskMiB / 1024) */
            disk: string | number;
            diskMiB: number;
            /** Format: uuid */
            id: string;
            location: string;
            memoryMiB: number;
            name: string;
            /** @description Always null: Outpost agents connect to the panel, there is no daemon port */
            port: number | null;
            portRangeEnd: number;
            portRangeStart: number;
            /** @description The text given at /api/nodes/create; for nodes made otherwise CPU cores (cpuPercent / 100) */
            processor: string | number;
            /** @description The text given at /api/nodes/create; for nodes made otherwise GB (memoryMiB / 1024) */
            ram: string | number;
            /** @description Outpost's node state: pending, online, offline, cordoned, draining */
            state: string;
            /** @enum {string} */
            status: "Online" | "Offline" | "Unconfigured";
            tags: string[];
            versionRelease: string | null;
        };
        SkyportNodeIdDTO: {
            /** @description Required */
            nodeId?: string;
        };
        SkyportUserDTO: {
            /** @description Ids of the instances the user owns in this domain */
            accessTo: string[];
            /** @description Holds the domain's Owner or Admin role */
            admin: boolean;
            email: string;
            /** Format: uuid */
            userId: string;
            username: string;
        };
        SkyportUserIdDTO: {
            /** @description Required */
            userId?: string;
        };
        StartupAlternativeDTO: {
            command: string;
            label: string;
        };
        StartupImageDTO: {
            label: string;
            ref: string;
        };
        StartupOutputDTO: {
            /** @description Whether the server has its own command (false: it follows the template's) */
            custom: boolean;
            image: string;
            /** @description The template's images: the only ones a server may use */
            images: components["schemas"]["StartupImageDTO"][];
            note: string;
            /** @description The command with placeholders filled; secret values are masked */
            resolved: string | null;
            /** @description Why the command cannot be resolved */
            resolveError: string | null;
            /** @description The container predates a change: the next start makes it again */
            restartRequired: boolean;
            /** @description The startup command the server uses, with {{VARIABLE}} placeholders */
            startup: string;
            /** @description The template's startup command */
            templateStartup: string;
            /** @description Variables the caller may see */
            variables: components["schemas"]["StartupVariableDTO"][];
        };
        StartupUpdateDTO: {
            /** @description One of the template's images */
            image?: string;
            /** @description The server's own startup command; {{VARIABLE}} placeholders must name the template's variables */
            startup?: string;
            /** @description Template variables by env name (the template's rules apply) */
            variables?: {
                [key: string]: string;
            };
        };
        StartupVariableDTO: {
            defaultValue: string;
            description: string;
            /** @description Whether the caller may change it */
            editable: boolean;
            envVariable: string;
            name: string;
            /** @description The template's rules, e.g. required|string|max:20 */
            rules: string;
            /** @description Hidden from users without workloads.manage; masked in the preview */
            secret: boolean;
            /** @description The current value (the default when unset) */
            value: string;
        };
        StepResultDTO: {
            /** @enum {string} */
            action: "power" | "command" | "backup";
            error?: string;
            finishedAt: string;
            /** @description Index of the task in the run (0-based) */
            index: number;
            /** @description e.g. the id of the backup a backup task made */
            result?: string;
            startedAt: string;
            /** @enum {string} */
            status: "completed" | "failed";
        };
        StopActionDTO: {
            /** @enum {string} */
            type: "command" | "signal";
            /** @description A console line for "command"; for "signal" one of SIGINT, SIGTERM, SIGABRT, SIGKILL */
            value: string;
        };
        SuggestFitDTO: {
            cpuPercent?: number;
            diskMiB?: number;
            memoryMiB?: number;
            tags?: string[];
            /**
             * Format: uuid
             * @description Use this workload's default resources
             */
            workloadId?: string;
        };
        SuggestFitOutputDTO: {
            candidates: components["schemas"]["NodeFitDTO"][];
            /** Format: uuid */
            chosen: string | null;
            explanation: string;
        };
        SystemInfoDTO: {
            arch: string;
            cpuCount: number;
            cpuModel: string;
            /** @description Left out on a shared node unless the caller is an instance administrator */
            hostname?: string;
            kernel: string;
            memoryBytes: number;
            os: string;
            platform: string;
        };
        SystemUserDTO: {
            gid: number;
            home: string;
            name: string;
            shell: string;
            uid: number;
        };
        TransferDTO: {
            /**
             * Format: uuid
             * @description The node to move the server to
             */
            nodeId: string;
        };
        UploadedFileDTO: {
            bytes: number;
            path: string;
        };
        UserCreateDTO: {
            /** Format: email */
            email: string;
            password: string;
            /** @description Role for the membership in this domain (first one is used); default Member */
            roleIds?: string[];
            username: string;
        };
        UserMembershipOutputDTO: {
            /** Format: uuid */
            domainId: string;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            roleId: string;
            state: string;
        };
        UserOutputDTO: {
            /** Format: date-time */
            createdAt: string;
            email: string;
            /** Format: uuid */
            id: string;
            isInstanceAdmin: boolean;
            /** Format: date-time */
            lastLoginAt: string | null;
            memberships?: components["schemas"]["UserMembershipOutputDTO"][];
            mfaEnabled: boolean;
            /**
             * Format: date-time
             * @description When an instance administrator suspended the account; null when it is not suspended
             */
            suspendedAt: string | null;
            /** @description Why it was suspended, as the instance administrator wrote it */
            suspendedReason: string | null;
            /** Format: date-time */
            updatedAt: string;
            username: string;
        };
        UserSearchFilters: {
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            email?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            id?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            isInstanceAdmin?: (boolean | boolean[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty; dates between the years 1 and 9999 */
            lastLoginAt?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            mfaEnabled?: (boolean | boolean[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty; dates between the years 1 and 9999 */
            suspendedAt?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            username?: (string | string[]) | null;
        };
        UserSearchInputDTO: {
            extend?: "memberships"[];
            filters?: components["schemas"]["UserSearchFilters"];
            greaterThan?: components["schemas"]["UserSearchRange"];
            lessThan?: components["schemas"]["UserSearchRange"];
            /** @default 100 */
            limit?: number;
            /**
             * @description Page number, starting at 0
             * @default 0
             */
            page?: number;
            search?: components["schemas"]["UserSearchTerms"];
            /** @enum {string} */
            sortBy?: "username" | "email" | "lastLoginAt" | "suspendedAt" | "createdAt" | "updatedAt";
            /** @enum {string} */
            sortDirection?: "asc" | "desc";
        };
        UserSearchRange: {
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            createdAt?: string;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            lastLoginAt?: string;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            suspendedAt?: string;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            updatedAt?: string;
        };
        UserSearchTerms: {
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            email?: string | string[];
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            username?: string | string[];
        };
        UserSuspendDTO: {
            /** @description Why (kept with the account and in the audit log) */
            reason?: string;
        };
        UserUpdateDTO: {
            /** @description Your current password: required to change your own email or password */
            currentPassword?: string;
            email?: string;
            password?: string;
            username?: string;
        };
        V1AcceptedDTO: {
            /** Format: uuid */
            organization_id: string;
            /** Format: uuid */
            role_id: string;
            /** @example active */
            state: string;
        };
        V1ApiTokenCreatedDTO: {
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            expires_at: string | null;
            /** Format: uuid */
            id: string;
            name: string;
            /** @description Shown only in this reply. Outpost tokens start with outpost_ (not shardlyn_api_); send as Authorization: Bearer */
            token: string;
        };
        V1ApiTokenCreateInputDTO: {
            /**
             * @description Seconds until it expires (at most 10 years); absent or 0 = never
             * @example 2592000
             */
            expires_in?: number;
            name: string;
        };
        V1ApiTokenDTO: {
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            expires_at: string | null;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            last_used_at: string | null;
            name: string;
            /** @description Empty = everything its owner may do in the organization */
            permissions: string[];
            /** @description First characters of the token (outpost_…) */
            prefix: string;
        };
        V1BootstrapDTO: {
            /** @description JWT, valid expires_in seconds (15 minutes) */
            access_token: string;
            /** @example 900 */
            expires_in: number;
            /**
             * Format: uuid
             * @description The first organization, whose Owner the new admin is
             */
            organization_id: string;
            /** @description One use: POST /v1/auth/refresh answers a new pair */
            refresh_token: string;
            /** @example Bearer */
            token_type: string;
        };
        V1BootstrapInputDTO: {
            email: string;
            /** @description The first organization (Outpost domain); default "Default" */
            organization_name?: string;
            password: string;
            /** @description Default: the email's local part */
            username?: string;
        };
        V1BootstrapStatusDTO: {
            /** @description true while the instance has no user: POST /v1/auth/bootstrap creates the first admin */
            needs_bootstrap: boolean;
        };
        V1ErrorDTO: {
            /** @example descriptive error message */
            error: string;
        };
        V1InviteCreatedDTO: {
            /** Format: date-time */
            created_at: string;
            email: string | null;
            /** @description The invite was also emailed (instance mail configured and accepted) */
            emailed: boolean;
            /** Format: date-time */
            expires_at: string | null;
            /** Format: uuid */
            id: string;
            role: string | null;
            /** Format: uuid */
            role_id: string;
            /** @description The invite token, shown once: the invitee accepts with POST /v1/invites/{token}/accept */
            token: string;
        };
        V1InviteDTO: {
            /** Format: date-time */
            created_at: string;
            email: string | null;
            /** Format: date-time */
            expires_at: string | null;
            /** Format: uuid */
            id: string;
            role: string | null;
            /** Format: uuid */
            role_id: string;
        };
        V1InviteInputDTO: {
            email: string;
            /** @description Role id or name (owner, admin, member, viewer); default member */
            role?: string;
        };
        V1LoginDTO: {
            /** @description JWT, valid expires_in seconds (15 minutes) */
            access_token: string;
            /** @example 900 */
            expires_in: number;
            /** @description One use: POST /v1/auth/refresh answers a new pair */
            refresh_token: string;
            /** @example Bearer */
            token_type: string;
        };
        V1LoginInputDTO: {
            /** @description Email (a username is accepted too) */
            email: string;
            password: string;
        };
        V1MemberDTO: {
            email: string | null;
            /** Format: date-time */
            joined_at: string;
            role: string | null;
            /** Format: uuid */
            role_id: string;
            /** Format: uuid */
            user_id: string;
            username: string | null;
        };
        V1MessageDTO: {
            message: string;
        };
        V1MfaChallengeDTO: {
            /** @description Send it with the TOTP code to POST /v1/auth/mfa/challenge */
            challenge_token: string;
            /** @example true */
            mfa_required: boolean;
        };
        V1MfaChallengeInputDTO: {
            /** @description From the login reply */
            challenge_token: string;
            /** @description A 6-digit TOTP code or a recovery code */
            code: string;
        };
        V1MfaCodeInputDTO: {
            /** @description A 6-digit TOTP code (disable: a recovery code works too) */
            code: string;
        };
        V1MfaEnrollDTO: {
            /** @example otpauth://totp/Outpost:user@example.com?secret=…&issuer=Outpost */
            otpauth_uri: string;
            secret: string;
        };
        V1MfaStatusDTO: {
            enabled: boolean;
        };
        V1MfaVerifiedDTO: {
            /** @example true */
            enabled: boolean;
            /** @description One-use recovery codes, shown once */
            recovery_codes: string[];
        };
        V1OrganizationDTO: {
            /** Format: date-time */
            created_at: string;
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            state: "active" | "maintenance" | "disabled";
            /** Format: date-time */
            updated_at: string;
        };
        V1OrganizationInputDTO: {
            name: string;
        };
        V1PasswordInputDTO: {
            current_password: string;
            new_password: string;
        };
        V1PermissionDTO: {
            description: string;
            /** @example gameserver.read */
            key: string;
        };
        V1RefreshInputDTO: {
            refresh_token: string;
        };
        V1RoleInputDTO: {
            /** @description Role id or name (owner, admin, member, viewer) */
            role: string;
        };
        V1UserCreateInputDTO: {
            email: string;
            password: string;
            /** @description A role of the organization by id or name (owner, admin, member, viewer); default member */
            role?: string;
            /** @description Default: the email's local part */
            username?: string;
        };
        V1UserDTO: {
            /** Format: date-time */
            created_at: string;
            email: string;
            /** Format: uuid */
            id: string;
            /** @description Instance administrator */
            is_admin: boolean;
            /** Format: date-time */
            last_login_at: string | null;
            mfa_enabled: boolean;
            /** Format: date-time */
            updated_at: string;
            username: string;
        };
        WebhookEventOutputDTO: {
            branch: string | null;
            commit: string | null;
            /** Format: date-time */
            createdAt: string;
            event: string | null;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            outcome: "synced" | "ignored" | "refused";
            /** @enum {string} */
            provider: "github" | "gitlab";
            reason: string | null;
            repository: string | null;
            /** Format: uuid */
            tokenId: string;
        };
        WebhookReceiptDTO: {
            /** @enum {string} */
            outcome: "synced" | "ignored";
            reason: string | null;
            /** @description Syncs started by this push */
            syncIds: string[];
        };
        WebhookTokenCreatedDTO: {
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            domainId: string;
            /** @description Payload URL for GitHub (content type application/json; the secret is the HMAC secret) */
            githubUrl: string;
            /** @description URL for GitLab (the secret is the "Secret token") */
            gitlabUrl: string;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            lastUsedAt: string | null;
            name: string;
            /** @description Shown once: GitHub webhook secret / GitLab secret token */
            secret: string;
        };
        WebhookTokenCreateDTO: {
            name: string;
        };
        WebhookTokenOutputDTO: {
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            domainId: string;
            /** @description Payload URL for GitHub (content type application/json; the secret is the HMAC secret) */
            githubUrl: string;
            /** @description URL for GitLab (the secret is the "Secret token") */
            gitlabUrl: string;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            lastUsedAt: string | null;
            name: string;
        };
        WebhookTokenSearchFilters: {
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            id?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            name?: (string | string[]) | null;
        };
        WebhookTokenSearchInputDTO: {
            extend?: string[];
            filters?: components["schemas"]["WebhookTokenSearchFilters"];
            greaterThan?: components["schemas"]["WebhookTokenSearchRange"];
            lessThan?: components["schemas"]["WebhookTokenSearchRange"];
            /** @default 100 */
            limit?: number;
            /**
             * @description Page number, starting at 0
             * @default 0
             */
            page?: number;
            search?: components["schemas"]["WebhookTokenSearchTerms"];
            /** @enum {string} */
            sortBy?: "name" | "createdAt" | "lastUsedAt";
            /** @enum {string} */
            sortDirection?: "asc" | "desc";
        };
        WebhookTokenSearchRange: {
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            createdAt?: string;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            lastUsedAt?: string;
        };
        WebhookTokenSearchTerms: {
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            name?: string | string[];
        };
        WorkloadCreateDTO: {
            /** @description An Outpost workload definition */
            definition: components["schemas"]["WorkloadDefinitionDTO"];
        };
        WorkloadDefinitionDTO: {
            author?: string;
            /** @description Backups: ignore patterns and console commands around the archive */
            backup?: components["schemas"]["BackupSettingsDTO"];
            configFiles: components["schemas"]["ConfigFileDTO"][];
            defaults: components["schemas"]["ResourceDefaultsDTO"];
            description: string;
            /** @description Egg features (eula, java_version, pid_limit, ...); unknown ones are ignored */
            features: string[];
            /** @description Files the user may not edit through the file manager */
            fileDenylist: string[];
            /** @description Selectable images; the first is the default */
            images: components["schemas"]["WorkloadImageDTO"][];
            /** @description null: no install step */
            install: components["schemas"]["InstallScriptDTO"] | null;
            name: string;
            source: components["schemas"]["DefinitionSourceDTO"];
            /** @description Seconds a start waits for a startupDone line; after that the server counts as running, with a reason saying the line never came. Default 300. */
            startTimeoutSeconds?: number;
            /** @description Default startup command with {{VARIABLE}} placeholders */
            startup: string;
            /** @description Further named startup commands */
            startupAlternatives?: components["schemas"]["StartupAlternativeDTO"][];
            /** @description Console substrings meaning "running" (a regex: prefix means a regular expression); empty: running once started */
            startupDone: string[];
            stop: components["schemas"]["StopActionDTO"];
            tags?: string[];
            variables: components["schemas"]["WorkloadVariableDTO"][];
        };
        WorkloadFromTemplateDTO: {
            name?: string;
            /** @description A built-in template id from GET /workload/templates */
            template: string;
        };
        WorkloadImageDTO: {
            label: string;
            /** @description Image reference, e.g. ghcr.io/pterodactyl/yolks:java_21 */
            ref: string;
        };
        WorkloadImportDTO: {
            /** @description A Pterodactyl (PTDL_v1/v2) or Pelican (PLCN_v1..v3) egg, as exported by those panels */
            egg: {
                [key: string]: unknown;
            };
        };
        WorkloadOutputDTO: {
            /** Format: date-time */
            createdAt: string;
            /** @description The full template: images, startup, variables, stop, startupDone, configFiles, install, defaults */
            definition: components["schemas"]["WorkloadDefinitionDTO"];
            description: string;
            /** Format: uuid */
            domainId: string;
            /** Format: uuid */
            id: string;
            name: string;
            template: string | null;
            /** Format: date-time */
            updatedAt: string;
        };
        WorkloadSearchFilters: {
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            id?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            name?: (string | string[]) | null;
            /** @description Exact match; an array (at most 1000 values) means any of; null matches empty */
            template?: (string | string[]) | null;
        };
        WorkloadSearchInputDTO: {
            extend?: string[];
            filters?: components["schemas"]["WorkloadSearchFilters"];
            greaterThan?: components["schemas"]["WorkloadSearchRange"];
            lessThan?: components["schemas"]["WorkloadSearchRange"];
            /** @default 100 */
            limit?: number;
            /**
             * @description Page number, starting at 0
             * @default 0
             */
            page?: number;
            search?: components["schemas"]["WorkloadSearchTerms"];
            /** @enum {string} */
            sortBy?: "name" | "createdAt" | "updatedAt";
            /** @enum {string} */
            sortDirection?: "asc" | "desc";
        };
        WorkloadSearchRange: {
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            createdAt?: string;
            /**
             * Format: date-time
             * @description Exclusive bound; dates between the years 1 and 9999
             */
            updatedAt?: string;
        };
        WorkloadSearchTerms: {
            /** @description Case-insensitive substring; an array (at most 100 terms) means any of */
            name?: string | string[];
        };
        WorkloadTemplateDTO: {
            description: string;
            id: string;
            images: string[];
            name: string;
        };
        WorkloadUpdateDTO: {
            /** @description Replaces the whole definition */
            definition?: components["schemas"]["WorkloadDefinitionDTO"];
            description?: string;
            name?: string;
        };
        WorkloadVariableDTO: {
            defaultValue: string;
            description: string;
            /** @description Environment variable name; also the {{NAME}} placeholder in the startup command */
            envVariable: string;
            /** @enum {string} */
            fieldType: "text";
            /** @description Human label ("Server Jar File") */
            name: string;
            /** @description Laravel-style rules as in eggs, '|'-separated: 'required|string|max:20', 'regex:/^x$/' */
            rules: string;
            userEditable: boolean;
            userViewable: boolean;
        };
        WriteContentDTO: {
            /** @description UTF-8 text; bigger or binary files go through upload */
            content: string;
            path: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AdminAuditLogControllerExport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdminAuditLogExportInputDTO"];
            };
        };
        responses: {
            /** @description An attachment, outside the envelope: CSV with a header row, or a JSON array of audit rows */
            200: {
                headers: {
                    /** @description Rows in the export */
                    "x-total-count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminAuditLogOutputDTO"][];
                    "text/csv": string;
                };
            };
        };
    };
    AdminAuditLogControllerSearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AdminAuditLogSearchInputDTO"];
            };
        };
        responses: {
            /** @description One page; meta carries page, limit and total */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AdminAuditLogOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    SettingsControllerGet: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["InstanceSettingsOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    SettingsControllerUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InstanceSettingsUpdateDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["InstanceSettingsOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AgentRegisterControllerInstallScript: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description POSIX sh installer: `curl -fsSL <api>/agent/install.sh | OUTPOST_TOKEN=<register token> sh -s -- --url <api> [--data-dir DIR] [--systemd]` (the token in the environment keeps it out of ps) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/x-shellscript": string;
                };
            };
        };
    };
    AgentRegisterControllerAgentBundle: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The node agent as one file; run it with `OUTPOST_TOKEN=… node outpost-agent.cjs --url … --data-dir …` (Node.js >= 20) */
            200: {
                headers: {
                    /** @description sha256 of the body, hex */
                    "x-outpost-sha256"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/javascript": string;
                };
            };
        };
    };
    AgentRegisterControllerRegister: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AgentRegisterDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AgentRegisterOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AlertControllerGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AlertOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AlertControllerAcknowledge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AlertOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AlertControllerResolve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AlertOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AlertControllerSearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertSearchInputDTO"];
            };
        };
        responses: {
            /** @description One page; meta carries page, limit and total */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AlertOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AlertControllerUnread: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AlertUnreadDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AlertRuleControllerCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertRuleCreateDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AlertRuleOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AlertRuleControllerGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AlertRuleOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AlertRuleControllerUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertRuleUpdateDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AlertRuleOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AlertRuleControllerRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AlertRuleControllerDefaults: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AlertRuleListDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AlertRuleControllerSearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlertRuleSearchInputDTO"];
            };
        };
        responses: {
            /** @description One page; meta carries page, limit and total */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AlertRuleOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    SkyportControllerGetInstance: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SkyportIdDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportInstanceDTO"];
                };
            };
            /** @description Missing instance ID or instance not found */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
            /** @description { error: "API key is required" } or { error: "Invalid API key" } (bearer tokens are refused here) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
            /** @description The key lacks the permission of the route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
        };
    };
    SkyportControllerGetUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SkyportGetUserDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportUserDTO"];
                };
            };
            /** @description Missing or invalid parameters, or user not found */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
            /** @description { error: "API key is required" } or { error: "Invalid API key" } (bearer tokens are refused here) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
            /** @description The key lacks the permission of the route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
        };
    };
    SkyportControllerGetUserInstance: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SkyportUserIdDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportInstanceDTO"][];
                };
            };
            /** @description Missing user ID or user not found */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
            /** @description { error: "API key is required" } or { error: "Invalid API key" } (bearer tokens are refused here) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
            /** @description The key lacks the permission of the route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
        };
    };
    SkyportControllerImages: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportImageDTO"][];
                };
            };
            /** @description { error: "API key is required" } or { error: "Invalid API key" } (bearer tokens are refused here) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
            /** @description The key lacks the permission of the route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
        };
    };
    SkyportControllerDeleteInstance: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SkyportIdDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportMessageDTO"];
                };
            };
            /** @description Missing ID or instance not found */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
            /** @description { error: "API key is required" } or { error: "Invalid API key" } (bearer tokens are refused here) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
            /** @description The key lacks the permission of the route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
        };
    };
    SkyportControllerInstances: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportInstanceDTO"][];
                };
            };
            /** @description { error: "API key is required" } or { error: "Invalid API key" } (bearer tokens are refused here) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
            /** @description The key lacks the permission of the route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
        };
    };
    SkyportControllerDeploy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SkyportDeployDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportDeployedDTO"];
                };
            };
            /** @description Missing parameters, invalid node/image/user/ports, port outside the node range */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
            /** @description { error: "API key is required" } or { error: "Invalid API key" } (bearer tokens are refused here) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
            /** @description The key lacks the permission of the route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
            /** @description A port is taken, or the node cannot take the server */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
        };
    };
    SkyportControllerNodes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportNodeDTO"][];
                };
            };
            /** @description { error: "API key is required" } or { error: "Invalid API key" } (bearer tokens are refused here) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
            /** @description The key lacks the permission of the route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
        };
    };
    SkyportControllerCreateNode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SkyportCreateNodeDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportNodeCreatedDTO"];
                };
            };
            /** @description Missing or invalid parameters */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
            /** @description { error: "API key is required" } or { error: "Invalid API key" } (bearer tokens are refused here) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
            /** @description The key lacks the permission of the route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
        };
    };
    SkyportControllerDeleteNode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SkyportNodeIdDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportMessageDTO"];
                };
            };
            /** @description Invalid or missing node ID */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
            /** @description { error: "API key is required" } or { error: "Invalid API key" } (bearer tokens are refused here) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
            /** @description The key lacks the permission of the route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
            /** @description The node still has game servers */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
        };
    };
    SkyportControllerUsers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportUserDTO"][];
                };
            };
            /** @description { error: "API key is required" } or { error: "Invalid API key" } (bearer tokens are refused here) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
            /** @description The key lacks the permission of the route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
        };
    };
    SkyportControllerCreateUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SkyportCreateUserDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportUserDTO"];
                };
            };
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
            /** @description { error: "API key is required" } or { error: "Invalid API key" } (bearer tokens are refused here) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
            /** @description The key lacks the permission of the route */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
            /** @description User already exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SkyportErrorDTO"];
                };
            };
        };
    };
    ApiTokenControllerCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApiTokenCreateDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ApiTokenCreatedDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    ApiTokenControllerGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ApiTokenOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    ApiTokenControllerUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApiTokenUpdateDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ApiTokenOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    ApiTokenControllerRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    ApiTokenControllerSearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApiTokenSearchInputDTO"];
            };
        };
        responses: {
            /** @description One page; meta carries page, limit and total */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ApiTokenOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AuditLogControllerGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AuditLogOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AuditLogControllerExport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AuditLogExportInputDTO"];
            };
        };
        responses: {
            /** @description An attachment, outside the envelope: CSV with a header row, or a JSON array of audit rows */
            200: {
                headers: {
                    /** @description Rows in the export */
                    "x-total-count"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditLogOutputDTO"][];
                    "text/csv": string;
                };
            };
        };
    };
    AuditLogControllerSearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AuditLogSearchInputDTO"];
            };
        };
        responses: {
            /** @description One page; meta carries page, limit and total */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AuditLogOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AuthControllerBootstrap: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BootstrapDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["LoginOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AuthControllerBootstrapStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["BootstrapStatusDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AuthControllerForgotPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ForgotPasswordDTO"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ForgotPasswordOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AuthControllerMfaConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MfaCodeDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["MfaConfirmOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AuthControllerMfaDisable: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MfaCodeDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["MfaStatusOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AuthControllerMfaEnroll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["MfaEnrollOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AuthControllerMfaStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["MfaStatusOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AuthControllerVerifyMfa: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MfaVerifyDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["LoginOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AuthControllerRefresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["LoginOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AuthControllerRegister: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["UserOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AuthControllerResetPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResetPasswordDTO"];
            };
        };
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    BackupControllerCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BackupCreateDTO"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["BackupOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    BackupConfigControllerCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BackupConfigCreateDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["BackupConfigOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    BackupConfigControllerGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["BackupConfigOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    BackupConfigControllerUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BackupConfigUpdateDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["BackupConfigOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    BackupConfigControllerRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    BackupConfigControllerActivate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["BackupConfigOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    BackupConfigControllerTest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["BackupConfigTestOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    BackupConfigControllerActive: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["BackupTargetOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    BackupConfigControllerSearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BackupConfigSearchInputDTO"];
            };
        };
        responses: {
            /** @description One page; meta carries page, limit and total */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["BackupConfigOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    BackupControllerGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["BackupOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    BackupControllerRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    BackupControllerDownloadLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["BackupDownloadLinkDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    BackupControllerLock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["BackupOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    BackupControllerRestore: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["BackupOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    BackupControllerUnlock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["BackupOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    BackupControllerDownload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The backup archive (tar.gz), streamed as an attachment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/gzip": string;
                };
            };
        };
    };
    BackupControllerSearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BackupSearchInputDTO"];
            };
        };
        responses: {
            /** @description One page; meta carries page, limit and total */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["BackupOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    DomainControllerCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DomainCreateDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["DomainOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    DomainControllerGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["DomainOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    DomainControllerUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DomainUpdateDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["DomainOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    DomainControllerRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    DomainControllerSearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DomainSearchInputDTO"];
            };
        };
        responses: {
            /** @description One page; meta carries page, limit and total */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["DomainOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    GameServerControllerCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GameServerCreateDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["GameServerOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    GameServerControllerGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["GameServerOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    GameServerControllerUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GameServerUpdateDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["GameServerOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    GameServerControllerRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AllocationControllerListAllocations: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AllocationListOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AllocationControllerAddAllocation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AllocationCreateDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AllocationListOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AllocationControllerUpdateAllocation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                allocationId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AllocationUpdateDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AllocationListOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AllocationControllerRemoveAllocation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                allocationId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AllocationListOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AllocationControllerMakeAllocationPrimary: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                allocationId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AllocationListOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    GameServerControllerCommand: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CommandDTO"];
            };
        };
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    ConsoleControllerConsoleToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ConsoleTokenOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    FilesControllerList: {
        parameters: {
            query?: {
                /** @description Relative to the server's data directory; '' = the directory itself */
                path?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["FileEntryDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    FilesControllerRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PathsDTO"];
            };
        };
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    FilesControllerChmod: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChmodDTO"];
            };
        };
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    FilesControllerCompress: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompressDTO"];
            };
        };
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    FilesControllerRead: {
        parameters: {
            query: {
                path: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["FileContentDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    FilesControllerWrite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WriteContentDTO"];
            };
        };
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    FilesControllerCopy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CopyDTO"];
            };
        };
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    FilesControllerDecompress: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecompressDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["DecompressResultDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    FilesControllerDownload: {
        parameters: {
            query: {
                path: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, streamed as an attachment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
        };
    };
    FilesControllerDownloadZip: {
        parameters: {
            query: {
                /** @description Repeat the parameter: ?paths=a&paths=b */
                paths: string[];
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A zip of the given files and directories, streamed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": string;
                };
            };
        };
    };
    FilesControllerDownloadZipPost: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PathsDTO"];
            };
        };
        responses: {
            /** @description A zip of the given files and directories, streamed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": string;
                };
            };
        };
    };
    FilesControllerMkdir: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MkdirDTO"];
            };
        };
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    FilesControllerRename: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RenameDTO"];
            };
        };
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    FilesControllerStat: {
        parameters: {
            query: {
                path: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["FileEntryDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    TusControllerCreate: {
        parameters: {
            query?: never;
            header: {
                "Tus-Resumable": string;
                "Upload-Length": string;
                /** @description filename <base64>,path <base64 directory> */
                "Upload-Metadata"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Upload created */
            201: {
                headers: {
                    /** @description URL of the upload, for HEAD, PATCH and DELETE */
                    Location?: string;
                    "Upload-Offset"?: number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Tus-Resumable is not 1.0.0 */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TusControllerOptions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What this server supports */
            204: {
                headers: {
                    "Tus-Extension"?: string;
                    /** @description The server's disk quota in bytes, when it has one */
                    "Tus-Max-Size"?: number;
                    "Tus-Version"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TusControllerTerminate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                uploadId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Upload dropped */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Tus-Resumable is not 1.0.0 */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TusControllerHead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                uploadId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description How far the upload has come */
            200: {
                headers: {
                    "Upload-Length"?: number;
                    "Upload-Offset"?: number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Tus-Resumable is not 1.0.0 */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TusControllerPatch: {
        parameters: {
            query?: never;
            header: {
                "Upload-Offset": string;
            };
            path: {
                id: string;
                uploadId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Chunk stored */
            204: {
                headers: {
                    /** @description The new offset */
                    "Upload-Offset"?: number;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Tus-Resumable is not 1.0.0 */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    FilesControllerUpload: {
        parameters: {
            query?: {
                /** @description Relative to the server's data directory; '' = the directory itself */
                path?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["UploadedFileDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    FilesControllerUsage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["DiskUsageDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    DeployControllerGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["GitDeployOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    DeployControllerPut: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GitDeployInputDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["GitDeployOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    DeployControllerRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    DeployControllerSync: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["GitSyncStartedDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    DeployControllerHistory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["GitSyncOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    GameServerControllerInstallLogs: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["InstallLogOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    GameServerControllerKill: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["GameServerOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    ConsoleControllerLogs: {
        parameters: {
            query?: {
                /** @description Cursor: only lines with a smaller seq (the previous page’s nextBefore) */
                before?: number;
                /** @description Only lines at or after this time (ISO 8601) */
                from?: string;
                limit?: number;
                /** @description Only lines at or before this time (ISO 8601) */
                to?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ConsoleLogPageDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    ConsoleControllerClear: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ConsoleLogDeleteOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    ConsoleControllerDownload: {
        parameters: {
            query?: {
                /** @description Only lines at or after this time (ISO 8601) */
                from?: string;
                /** @description Only lines at or before this time (ISO 8601) */
                to?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/plain attachment: one `<ISO time> [<stream>] <line>` per line */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
    GameServerControllerMetrics: {
        parameters: {
            query?: {
                /** @description Default: one hour ago */
                from?: string;
                /** @description Default: now */
                to?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["GameServerMetricOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    GameServerControllerPowerAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PowerDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["GameServerOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    GameServerControllerReinstall: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["GameServerOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    GameServerControllerRestart: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["GameServerOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    GameServerControllerStart: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["GameServerOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    StartupControllerGetStartup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["StartupOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    StartupControllerUpdateStartup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StartupUpdateDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["StartupOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    StartupControllerResetStartup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["StartupOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    GameServerControllerStats: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["GameServerStatsDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    GameServerControllerStop: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["GameServerOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    ServerTransferControllerTransfer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransferDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["GameServerOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    GameServerControllerSearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GameServerSearchInputDTO"];
            };
        };
        responses: {
            /** @description One page; meta carries page, limit and total */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["GameServerOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    HealthControllerHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["HealthVersionDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    HealthControllerDetailed: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["DetailedHealthDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
            /** @description The database is not reachable (status degraded) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["DetailedHealthDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    HealthControllerLive: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["HealthStatusDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    HealthControllerReady: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ReadinessDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
            /** @description The database is not reachable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HealthControllerHealthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is up */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["HealthStatusDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    PterodactylImportControllerImport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PterodactylImportInputDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ImportReportDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    PterodactylImportControllerServers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PanelServerListInputDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["PanelServerListDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    PterodactylImportControllerValidate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PanelAccessDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["PanelFactsDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    IntegrationControllerCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IntegrationCreateDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["IntegrationCreatedOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    IntegrationControllerGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["IntegrationOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    IntegrationControllerUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IntegrationUpdateDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["IntegrationOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    IntegrationControllerRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    IntegrationControllerRetry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deliveryId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["IntegrationDeliveryOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    IntegrationControllerDeliveries: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IntegrationDeliverySearchInputDTO"];
            };
        };
        responses: {
            /** @description One page; meta carries page, limit and total */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["IntegrationDeliveryOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    IntegrationControllerRotateSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["IntegrationSecretOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    IntegrationControllerTest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["IntegrationTestOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    IntegrationControllerSearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IntegrationSearchInputDTO"];
            };
        };
        responses: {
            /** @description One page; meta carries page, limit and total */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["IntegrationOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AuthControllerLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["LoginOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AuthControllerLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LogoutDTO"];
            };
        };
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AuthControllerMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["MeOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AuthControllerSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["SessionOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AuthControllerEndSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    MembershipControllerCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MembershipInviteDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["InviteOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    MembershipControllerGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["MembershipOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    MembershipControllerUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MembershipUpdateDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["MembershipOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    MembershipControllerRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    MembershipControllerPermissions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["MemberPermissionsOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    MembershipControllerSetPermissions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MemberPermissionsUpdateDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["MemberPermissionsOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    MembershipControllerAccept: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MembershipAcceptDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["MembershipOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    MembershipControllerPreview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["InvitePreviewOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    MembershipControllerRegister: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InviteRegisterDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["LoginOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    MembershipControllerSearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MembershipSearchInputDTO"];
            };
        };
        responses: {
            /** @description One page; meta carries page, limit and total */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["MembershipOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    NodeControllerCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NodeCreateDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["NodeOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    NodeControllerGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["NodeOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    NodeControllerUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NodeUpdateDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["NodeOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    NodeControllerRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    NodeControllerContainers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ContainerSummaryDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    NodeControllerContainerAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description restart: stop (15 s grace, then SIGKILL) and start again, by the runtime */
                action: "start" | "stop" | "restart" | "kill";
                containerId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ContainerActionDTO"];
            };
        };
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    NodeControllerContainerLogs: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                containerId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The last 500 lines */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ContainerLogLineDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    NodeControllerCordon: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["NodeOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    NodeControllerDrain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["NodeOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    NodeControllerInventory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Last inventory the agent reported: system, disks, network, docker, containers, and for holders of nodes.manage processes and system users */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["NodeInventoryDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    NodeControllerInventoryContainers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Outpost-managed containers; on a shared node only the caller's domain's, unless an instance administrator */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ContainerSummaryDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    NodeControllerInventoryDisks: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Real filesystems */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["DiskInfoDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    NodeControllerInventoryNetwork: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Network interfaces; empty on a shared node unless the caller is an instance administrator */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["NetworkInterfaceDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    NodeControllerInventoryProcesses: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The top 200 processes by CPU (nodes.manage: command lines can hold secrets); empty on a shared node unless the caller is an instance administrator */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ProcessInfoDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    NodeControllerInventorySystem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description System facts (hostname left out on a shared node unless the caller is an instance administrator) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["SystemInfoDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    NodeControllerInventoryUsers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The machine's /etc/passwd accounts; empty on a shared node unless the caller is an instance administrator */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["SystemUserDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    NodeControllerMetrics: {
        parameters: {
            query?: {
                /** @description Default: one hour ago */
                from?: string;
                /** @description Default: now */
                to?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["NodeMetricOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    NodeControllerRegisterToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["RegisterTokenOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    NodeControllerUncordon: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["NodeOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    NodeControllerSearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NodeSearchInputDTO"];
            };
        };
        responses: {
            /** @description One page; meta carries page, limit and total */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["NodeOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AuthControllerPermissions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["PermissionOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    PlannerControllerSuggestFit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SuggestFitDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["SuggestFitOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    V1HealthControllerReady: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The database is reachable (Redis is reported, not required) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ReadinessDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
            /** @description The database is not reachable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    HealthControllerReadyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The database is reachable (Redis is reported, not required) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ReadinessDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
            /** @description The database is not reachable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    RoleControllerCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RoleCreateDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["RoleOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    RoleControllerGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["RoleOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    RoleControllerUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RoleUpdateDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["RoleOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    RoleControllerRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    RoleControllerSearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RoleSearchInputDTO"];
            };
        };
        responses: {
            /** @description One page; meta carries page, limit and total */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["RoleOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    ScheduleControllerCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScheduleCreateDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ScheduleOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    ScheduleRunControllerSearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScheduleRunSearchInputDTO"];
            };
        };
        responses: {
            /** @description One page; meta carries page, limit and total */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ScheduleRunOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    ScheduleControllerGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ScheduleOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    ScheduleControllerUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScheduleUpdateDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ScheduleOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    ScheduleControllerRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    ScheduleControllerRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ScheduleRunOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    ScheduleControllerSearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScheduleSearchInputDTO"];
            };
        };
        responses: {
            /** @description One page; meta carries page, limit and total */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ScheduleOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    AuthControllerSelectDomain: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                domainId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["SelectedDomainOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    SettingsControllerPublicSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["PublicSettingsOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    UserControllerCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserCreateDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["UserOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    UserControllerGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["UserOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    UserControllerUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserUpdateDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["UserOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    UserControllerRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    UserControllerSuspend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserSuspendDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["UserOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    UserControllerUnsuspend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["UserOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    UserControllerSearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserSearchInputDTO"];
            };
        };
        responses: {
            /** @description One page; meta carries page, limit and total */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["UserOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    V1UnsupportedControllerGetAdminPlans: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Billing is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPostAdminPlans: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Billing is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPutAdminPlansId: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Billing is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerDeleteAdminPlansId: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Billing is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetAdminSubscriptions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Billing is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPutAdminSubscriptionsId: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Billing is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UsersControllerListTokens: {
        parameters: {
            query?: {
                limit?: number;
                page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ApiTokenDTO"][];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UsersControllerCreateToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["V1ApiTokenCreateInputDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ApiTokenCreatedDTO"];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UsersControllerRemoveToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1AuthControllerBootstrap: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["V1BootstrapInputDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1BootstrapDTO"];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1AuthControllerBootstrapStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1BootstrapStatusDTO"];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetAuthGithub: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "GitHub OAuth is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetAuthGithubCallback: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "GitHub OAuth is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1AuthControllerLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["V1LoginInputDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1LoginDTO"] | components["schemas"]["V1MfaChallengeDTO"];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1AuthControllerMfaChallenge: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["V1MfaChallengeInputDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1LoginDTO"];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1AuthControllerMfaDisable: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["V1MfaCodeInputDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1MfaStatusDTO"];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1AuthControllerMfaEnroll: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1MfaEnrollDTO"];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1AuthControllerMfaStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1MfaStatusDTO"];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1AuthControllerMfaVerify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["V1MfaCodeInputDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1MfaVerifiedDTO"];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1AuthControllerRefresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["V1RefreshInputDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1LoginDTO"];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPostBillingOrgCancel: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Billing is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetBillingOrgCloudCosts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Billing is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetBillingOrgCloudCostsForecast: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Billing is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPostBillingOrgCloudCostsRefresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Billing is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetBillingOrgLimits: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Billing is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPostBillingOrgPortal: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Billing is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPostBillingOrgSubscribe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Billing is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetBillingOrgSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Billing is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetBillingOrgUsage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Billing is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetBillingPlans: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Billing is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetCredentials: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Cloud credentials is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPostCredentials: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Cloud credentials is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetCredentialsId: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Cloud credentials is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPutCredentialsId: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Cloud credentials is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerDeleteCredentialsId: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Cloud credentials is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPostCredentialsIdDefault: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Cloud credentials is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPostCredentialsIdVerify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Cloud credentials is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetDnsAutoConfig: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "DNS management is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPutDnsAutoConfig: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "DNS management is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetDnsRecords: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "DNS management is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPostDnsRecords: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "DNS management is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPutDnsRecordsId: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "DNS management is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerDeleteDnsRecordsId: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "DNS management is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetDnsZones: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "DNS management is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetDnsZonesZoneIdRecords: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "DNS management is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1OrganizationsControllerAccept: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1AcceptedDTO"];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description No such open invite */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetNodesIdFirewallRules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Node firewall management is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPostNodesIdFirewallRules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Node firewall management is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerDeleteNodesIdFirewallRules: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Node firewall management is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPostNodesIdPowerReboot: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Node power management is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPostNodesIdPowerStart: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Node power management is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetNodesIdPowerStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Node power management is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPostNodesIdPowerStop: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Node power management is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPostNodesIdResize: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Node resizing is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetNodesIdSsh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "The SSH certificate authority is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1OrganizationsControllerList: {
        parameters: {
            query?: {
                limit?: number;
                page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1OrganizationDTO"][];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1OrganizationsControllerCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["V1OrganizationInputDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1OrganizationDTO"];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1OrganizationsControllerGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organization (Outpost domain); checked like the x-takaro-domain header */
                orgId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1OrganizationDTO"];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1OrganizationsControllerUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organization (Outpost domain); checked like the x-takaro-domain header */
                orgId: unknown;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["V1OrganizationInputDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1OrganizationDTO"];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1OrganizationsControllerRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organization (Outpost domain); checked like the x-takaro-domain header */
                orgId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1OrganizationsControllerInvites: {
        parameters: {
            query?: {
                limit?: number;
                page?: number;
            };
            header?: never;
            path: {
                /** @description The organization (Outpost domain); checked like the x-takaro-domain header */
                orgId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1InviteDTO"][];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1OrganizationsControllerRemoveInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                inviteId: string;
                /** @description The organization (Outpost domain); checked like the x-takaro-domain header */
                orgId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description No such open invite */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1OrganizationsControllerMembers: {
        parameters: {
            query?: {
                limit?: number;
                page?: number;
            };
            header?: never;
            path: {
                /** @description The organization (Outpost domain); checked like the x-takaro-domain header */
                orgId: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1MemberDTO"][];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1OrganizationsControllerRemoveMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organization (Outpost domain); checked like the x-takaro-domain header */
                orgId: unknown;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Not a member */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1OrganizationsControllerChangeRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organization (Outpost domain); checked like the x-takaro-domain header */
                orgId: unknown;
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["V1RoleInputDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1MemberDTO"];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Not a member */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1OrganizationsControllerInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The organization (Outpost domain); checked like the x-takaro-domain header */
                orgId: unknown;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["V1InviteInputDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1InviteCreatedDTO"];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UsersControllerPermissions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1PermissionDTO"][];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetProvision: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Cloud provisioning is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPostProvision: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Cloud provisioning is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetProvisionId: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Cloud provisioning is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerDeleteProvisionId: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Cloud provisioning is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPostProvisionIdApply: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Cloud provisioning is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPostProvisionIdPlan: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Cloud provisioning is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetProvisionProviders: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Cloud provisioning is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetSshCaPublicKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "The SSH certificate authority is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetSshCaKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "The SSH certificate authority is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPostSshCaKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "The SSH certificate authority is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPostSshCaKeysRotate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "The SSH certificate authority is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPostSshCertificate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "The SSH certificate authority is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetSshCertificates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "The SSH certificate authority is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetSshCertificatesId: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "The SSH certificate authority is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPostSshCertificatesIdRevoke: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "The SSH certificate authority is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetSupportHelpscoutSignature: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "The support widget is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPostSupportMessages: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "The support widget is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetTunnelAgents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Tunnel statistics is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerGetTunnelStats: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Tunnel statistics is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UsersControllerList: {
        parameters: {
            query?: {
                limit?: number;
                page?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1UserDTO"][];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UsersControllerCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["V1UserCreateInputDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1UserDTO"];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UsersControllerGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1UserDTO"];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UsersControllerRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UsersControllerMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1UserDTO"];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UsersControllerPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["V1PasswordInputDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1MessageDTO"];
                };
            };
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    V1UnsupportedControllerPostWebhooksStripe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: `{ "error": "…" }` */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Missing or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Insufficient permissions, or not a member of the organization */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description Rate limit exceeded (X-RateLimit-Reset is an epoch time in seconds) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
            /** @description { "error": "Billing is not available on this server" } */
            501: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V1ErrorDTO"];
                };
            };
        };
    };
    WebhookReceiverControllerGithub: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tokenId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookReceiptDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    WebhookReceiverControllerGitlab: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tokenId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookReceiptDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    WebhookTokenControllerCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookTokenCreateDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookTokenCreatedDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    WebhookTokenControllerGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookTokenOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    WebhookTokenControllerRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    WebhookTokenControllerEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookEventOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    WebhookTokenControllerSearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookTokenSearchInputDTO"];
            };
        };
        responses: {
            /** @description One page; meta carries page, limit and total */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WebhookTokenOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    WorkloadControllerCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WorkloadCreateDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WorkloadOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    WorkloadControllerGet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WorkloadOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    WorkloadControllerUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WorkloadUpdateDTO"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WorkloadOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    WorkloadControllerRemove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Done */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * @description Always null: the action has no result
                         * @enum {unknown|null}
                         */
                        data: null;
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    WorkloadControllerExport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description PTDL_v2 egg */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A PTDL_v2 egg (Pterodactyl/Pelican export format) */
                        data: {
                            [key: string]: unknown;
                        };
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    WorkloadControllerFromTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WorkloadFromTemplateDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WorkloadOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    WorkloadControllerImport: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WorkloadImportDTO"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WorkloadOutputDTO"];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    WorkloadControllerSearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WorkloadSearchInputDTO"];
            };
        };
        responses: {
            /** @description One page; meta carries page, limit and total */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WorkloadOutputDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
    WorkloadControllerTemplates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["WorkloadTemplateDTO"][];
                        meta: components["schemas"]["MetaDTO"];
                    };
                };
            };
        };
    };
}
