-- Chat is now off by default for a private repository (issue 18, item 3). A stored configuration
-- holds the parsed form, defaults written out, so the old default (`true`) cannot be told from a
-- choice: forget the stored chat keys, and load every configuration again, which restores the
-- choices a file really makes.
UPDATE repository_configs SET config = config - 'chat', loaded_at = 'epoch' WHERE config ? 'chat';
UPDATE installations SET organization_config = organization_config - 'chat', organization_config_loaded_at = NULL
  WHERE organization_config ? 'chat';
