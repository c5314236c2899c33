import { Module, OnApplicationBootstrap } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Catalog, CatalogItem, CatalogVersion } from './catalog.entity';
import { CatalogsController } from './catalogs.controller';
import { CatalogsService } from './catalogs.service';

@Module({
  imports: [TypeOrmModule.forFeature([Catalog, CatalogVersion, CatalogItem])],
  controllers: [CatalogsController],
  providers: [CatalogsService],
  exports: [CatalogsService],
})
export class CatalogsModule implements OnApplicationBootstrap {
  constructor(private readonly catalogs: CatalogsService) {}

  /** The catalogues are part of the product: loaded (idempotently) on every start. */
  async onApplicationBootstrap(): Promise<void> {
    await this.catalogs.seed();
  }
}
