import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { CatalogItem } from './catalog.entity';
import { CatalogDetailDto, CatalogItemDto, CatalogQueryDto, CatalogSummaryDto } from './catalogs.dto';
import { CatalogsService } from './catalogs.service';

/** The criteria catalogues are published documents: readable without login. */
@ApiTags('catalogs')
@Access.public()
@Controller('catalogs')
export class CatalogsController {
  constructor(private readonly catalogs: CatalogsService) {}

  @Get()
  @ApiOperation({ summary: 'The criteria catalogues with their current version and item count' })
  @ApiOkResponse({ type: [CatalogSummaryDto] })
  async list(): Promise<CatalogSummaryDto[]> {
    const catalogs = await this.catalogs.list();
    return catalogs.map((catalog) => {
      const current = catalog.versions[catalog.versions.length - 1];
      return {
        code: catalog.code,
        title: { ja: catalog.titleJa, en: catalog.titleEn },
        version: current.version,
        itemCount: current.itemCount,
        sourceDocument: catalog.sourceDocument,
        versions: catalog.versions.map((v) => ({
          version: v.version, label: { ja: v.labelJa, en: v.labelEn }, itemCount: v.itemCount, source: v.source,
        })),
      };
    });
  }

  @Get(':code')
  @ApiOperation({ summary: "A catalogue's items (current version, or ?version=)" })
  @ApiOkResponse({ type: CatalogDetailDto })
  async get(@Param('code') code: string, @Query() query: CatalogQueryDto): Promise<CatalogDetailDto> {
    const { catalog, version } = await this.catalogs.findVersion(code, query.version);
    const items = await this.catalogs.itemsOf(version.id);
    const latest = Math.max(...catalog.versions.map((v) => v.sequence));
    return {
      code: catalog.code,
      title: { ja: catalog.titleJa, en: catalog.titleEn },
      version: version.version,
      label: { ja: version.labelJa, en: version.labelEn },
      current: version.sequence === latest,
      source: version.source,
      note: version.note ?? undefined,
      groups: catalog.groups,
      items: items.map((item) => toItemDto(item, catalog.hasCategory, catalog.hasZone, catalog.hasMandatory)),
    };
  }
}

/** Only the fields a catalogue has: category/zone for the baseline, mandatory for data users. */
function toItemDto(item: CatalogItem, hasCategory: boolean, hasZone: boolean, hasMandatory: boolean): CatalogItemDto {
  const dto: CatalogItemDto = { no: item.no, text: item.text };
  if (hasCategory) dto.category = item.category ?? undefined;
  if (hasZone) dto.zone = item.zone ?? undefined;
  if (item.groupCode) dto.group = item.groupCode;
  if (item.textEn) dto.textEn = item.textEn;
  if (hasMandatory) dto.mandatory = item.mandatory;
  if (item.measureNo !== null) dto.measureNo = item.measureNo;
  if (item.measure) dto.measure = item.measure;
  if (item.measureEn) dto.measureEn = item.measureEn;
  if (item.note) dto.note = item.note;
  if (item.priority) dto.priority = true;
  if (item.complianceItem) dto.complianceItem = true;
  if (item.revised) dto.revised = true;
  if (item.legacyNo !== null) dto.legacyNo = item.legacyNo;
  if (item.sourceRef) dto.sourceRef = item.sourceRef;
  return dto;
}
