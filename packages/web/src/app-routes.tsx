import { Navigate, type RouteObject } from 'react-router';
import { AppLayout } from './components/app-layout.js';
import { HouseholdViewPage } from './routes/household-view.js';
import { NotFoundPage } from './routes/not-found.js';
import { RegisterHouseholdPage } from './routes/register-household.js';
import { RegistrationsListPage } from './routes/registrations-list.js';

/** Every page of the app; the server answers any of these paths with index.html. */
export const appRoutes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <Navigate to="/registrations" replace /> },
      { path: 'registrations', element: <RegistrationsListPage /> },
      { path: 'registrations/new', element: <RegisterHouseholdPage /> },
      { path: 'households/:householdId', element: <HouseholdViewPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
