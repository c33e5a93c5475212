/**
 * The few line icons the window uses, drawn inline (no icon font, nothing fetched: the CSP allows only our own
 * files). Decorative: each is hidden from assistive technology; the control around it carries the name.
 */
import type { ReactNode, SVGProps } from 'react'

type IconProps = SVGProps<SVGSVGElement>

function Icon({ children, ...props }: IconProps & { children: ReactNode }): React.JSX.Element {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className="size-4 shrink-0"
      {...props}
    >
      {children}
    </svg>
  )
}

export const FolderIcon = (p: IconProps): React.JSX.Element => (
  <Icon {...p}>
    <path d="M3 7.5A1.5 1.5 0 0 1 4.5 6h4.3l2 2h8.7A1.5 1.5 0 0 1 21 9.5v8A1.5 1.5 0 0 1 19.5 19h-15A1.5 1.5 0 0 1 3 17.5z" />
  </Icon>
)

export const FileIcon = (p: IconProps): React.JSX.Element => (
  <Icon {...p}>
    <path d="M14 3H7.5A1.5 1.5 0 0 0 6 4.5v15A1.5 1.5 0 0 0 7.5 21h9a1.5 1.5 0 0 0 1.5-1.5V7z" />
    <path d="M14 3v4h4" />
  </Icon>
)

export const LinkIcon = (p: IconProps): React.JSX.Element => (
  <Icon {...p}>
    <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" />
    <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
  </Icon>
)

export const CloseIcon = (p: IconProps): React.JSX.Element => (
  <Icon {...p}>
    <path d="M6 6l12 12M18 6L6 18" />
  </Icon>
)

export const PauseIcon = (p: IconProps): React.JSX.Element => (
  <Icon {...p}>
    <path d="M9 5v14M15 5v14" />
  </Icon>
)

export const PlayIcon = (p: IconProps): React.JSX.Element => (
  <Icon {...p}>
    <path d="M7 5l12 7-12 7z" />
  </Icon>
)

export const StopIcon = (p: IconProps): React.JSX.Element => (
  <Icon {...p}>
    <rect x="6" y="6" width="12" height="12" rx="1.5" />
  </Icon>
)

/** Two sheets, one over the other: copying. */
export const CopyIcon = (p: IconProps): React.JSX.Element => (
  <Icon {...p}>
    <rect x="8" y="8" width="12" height="12" rx="1.5" />
    <path d="M16 8V5.5A1.5 1.5 0 0 0 14.5 4h-9A1.5 1.5 0 0 0 4 5.5v9A1.5 1.5 0 0 0 5.5 16H8" />
  </Icon>
)

/** A stopped job: a filled octagon with a bar, a road sign, never mistaken for an unchecked checkbox. */
export const StoppedIcon = (p: IconProps): React.JSX.Element => (
  <Icon {...p}>
    <path d="M8.3 3h7.4L21 8.3v7.4L15.7 21H8.3L3 15.7V8.3z" fill="currentColor" fillOpacity={0.15} />
    <path d="M8 12h8" />
  </Icon>
)

export const BoltIcon = (p: IconProps): React.JSX.Element => (
  <Icon {...p}>
    <path d="M13 3L5 13.5h6L10 21l8-10.5h-6z" />
  </Icon>
)

export const CheckIcon = (p: IconProps): React.JSX.Element => (
  <Icon {...p}>
    <path d="M5 12.5l4.5 4.5L19 7.5" />
  </Icon>
)

export const AlertIcon = (p: IconProps): React.JSX.Element => (
  <Icon {...p}>
    <path d="M12 4L2.8 19.5h18.4z" />
    <path d="M12 10v4.5M12 17.2v.1" />
  </Icon>
)

export const SkipIcon = (p: IconProps): React.JSX.Element => (
  <Icon {...p}>
    <path d="M5 6l8 6-8 6zM17 6v12" />
  </Icon>
)

export const UpIcon = (p: IconProps): React.JSX.Element => (
  <Icon {...p}>
    <path d="M12 19V5M6 11l6-6 6 6" />
  </Icon>
)

export const RetryIcon = (p: IconProps): React.JSX.Element => (
  <Icon {...p}>
    <path d="M4 12a8 8 0 1 0 2.4-5.7L4 8.5" />
    <path d="M4 4v4.5h4.5" />
  </Icon>
)

export const PlusIcon = (p: IconProps): React.JSX.Element => (
  <Icon {...p}>
    <path d="M12 5v14M5 12h14" />
  </Icon>
)

export const DropIcon = (p: IconProps): React.JSX.Element => (
  <Icon {...p}>
    <path d="M12 4v11M7.5 10.5L12 15l4.5-4.5" />
    <path d="M4 16.5v2A1.5 1.5 0 0 0 5.5 20h13a1.5 1.5 0 0 0 1.5-1.5v-2" />
  </Icon>
)

/** Ferry's mark: a boat on a wave, in the accent colour. */
export const FerryMark = (p: IconProps): React.JSX.Element => (
  <Icon strokeWidth={2} {...p}>
    <path d="M4 14h16l-2.2 4.2a1.5 1.5 0 0 1-1.3.8H7.5a1.5 1.5 0 0 1-1.3-.8z" />
    <path d="M7 14V9.5h10V14M10 9.5V6h4v3.5" />
  </Icon>
)
