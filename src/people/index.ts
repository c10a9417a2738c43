// The people feature's public surface: other features import from here, never from its files.
// Order matters: the entity and DTOs first, the service and module last (see action-items/index.ts).
export { Person } from './person.entity.js';
export { CreatePersonDto, PersonQuery, UpdatePersonDto } from './person.dto.js';
export { PersonDto, PersonPageDto } from './person-response.dto.js';
export { PeopleService, personView, type PersonView } from './people.service.js';
export { PeopleModule } from './people.module.js';
