import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { ConfigError, loadConfig } from '../config/configuration';
import { ActivityService } from '../modules/activity/activity.service';
import { backup, restore } from './backup';

/**
 * Operator commands, run from the built project (npm run backup / restore / verify-log):
 *   backup [dir]      consistent online backup of the database and uploaded files (default: backups/)
 *   restore <dir>     restore a backup (stop the server first)
 *   verify-log        verify the activity log's hash chain; exit 1 naming the first broken entry
 */
async function main(): Promise<number> {
  const [command, arg] = process.argv.slice(2);
  const config = loadConfig(process.env);
  switch (command) {
    case 'backup': {
      const { dir, manifest } = await backup(config, arg ?? 'backups');
      console.log(`backup written to ${dir} (${Object.keys(manifest.files).length} files)`);
      return 0;
    }
    case 'restore': {
      if (!arg) throw new ConfigError('restore needs the backup folder: npm run restore -- backups/kansa-backup-…');
      const manifest = await restore(config, arg);
      console.log(`restored the backup of ${manifest.createdAt} (${Object.keys(manifest.files).length} files)`);
      return 0;
    }
    case 'verify-log': {
      const app = await NestFactory.createApplicationContext(AppModule.register(process.env), { logger: ['error'] });
      try {
        const result = await app.get(ActivityService).verify();
        if (result.ok) {
          console.log(`activity log intact: ${result.entries} entries`);
          return 0;
        }
        console.error(`activity log BROKEN at entry ${result.firstBroken!.id} (${result.firstBroken!.reason})`);
        return 1;
      } finally {
        await app.close();
      }
    }
    default:
      console.error('usage: kansa backup [dir] | restore <dir> | verify-log');
      return 2;
  }
}

main().then((code) => process.exit(code), (error) => {
  console.error(error instanceof ConfigError ? `Kansa: ${error.message}` : error);
  process.exit(2);
});
