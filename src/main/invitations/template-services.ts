// The template operations of the contract (letter templates, the practice's Word template).
import { MERGE_FIELDS } from '../../shared/domain/letter-templates'
import type { ServiceContext } from '../context'
import { builtInWordTemplate, DOCX_MIME } from '../documents/invitation-letters-docx'
import type { Services } from '../service-handlers'
import { activeWordTemplate, listTemplates, retireWordTemplate, saveTemplate, uploadWordTemplate } from './template-store'

type TemplateOperations = 'templates.list' | 'templates.save' | 'templates.uploadWord' | 'templates.removeWord' | 'templates.builtInWord'

export function templateServices(ctx: ServiceContext): Pick<Services, TemplateOperations> {
  return {
    'templates.list': () => {
      const word = activeWordTemplate(ctx.db)
      return {
        templates: listTemplates(ctx.db),
        fields: MERGE_FIELDS.map((f) => ({ ...f })),
        wordTemplate: word
          ? { wordTemplateId: word.wordTemplateId, fileName: word.fileName, fields: word.fields, uploadedAt: word.uploadedAt, uploadedBy: word.uploadedBy }
          : null
      }
    },
    'templates.save': (input) => saveTemplate(ctx, input),
    'templates.uploadWord': (input) => uploadWordTemplate(ctx, input),
    'templates.removeWord': () => {
      retireWordTemplate(ctx)
      return {}
    },
    'templates.builtInWord': () => ({
      name: 'clinic-recall-letter-template.docx',
      mimeType: DOCX_MIME,
      contentBase64: builtInWordTemplate().toString('base64')
    })
  }
}
