TinyFPN(
  (stages): Module(
    (0): Module(
      (0): Conv2d(3, 16, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)
      (1): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (2): ReLU(inplace=True)
    )
    (1): Module(
      (0): Conv2d(16, 32, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)
      (1): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (2): ReLU(inplace=True)
    )
    (2): Module(
      (0): Conv2d(32, 64, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), bias=False)
      (1): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (2): ReLU(inplace=True)
    )
  )
  (lateral): Module(
    (2): Conv2d(64, 24, kernel_size=(1, 1), stride=(1, 1))
    (1): Conv2d(32, 24, kernel_size=(1, 1), stride=(1, 1))
    (0): Conv2d(16, 24, kernel_size=(1, 1), stride=(1, 1))
  )
  (smooth): Conv2d(24, 24, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
  (up): Upsample(scale_factor=2.0, mode=nearest)
  (head): Conv2d(48, 5, kernel_size=(1, 1), stride=(1, 1))
)



def forward(self, x):
    stages_0_0 = getattr(getattr(self.stages, "0"), "0")(x);  x = None
    stages_0_1 = getattr(getattr(self.stages, "0"), "1")(stages_0_0);  stages_0_0 = None
    stages_0_2 = getattr(getattr(self.stages, "0"), "2")(stages_0_1);  stages_0_1 = None
    stages_1_0 = getattr(getattr(self.stages, "1"), "0")(stages_0_2)
    stages_1_1 = getattr(getattr(self.stages, "1"), "1")(stages_1_0);  stages_1_0 = None
    stages_1_2 = getattr(getattr(self.stages, "1"), "2")(stages_1_1);  stages_1_1 = None
    stages_2_0 = getattr(getattr(self.stages, "2"), "0")(stages_1_2)
    stages_2_1 = getattr(getattr(self.stages, "2"), "1")(stages_2_0);  stages_2_0 = None
    stages_2_2 = getattr(getattr(self.stages, "2"), "2")(stages_2_1);  stages_2_1 = None
    lateral_2 = getattr(self.lateral, "2")(stages_2_2);  stages_2_2 = None
    lateral_1 = getattr(self.lateral, "1")(stages_1_2);  stages_1_2 = None
    getattr_1 = lateral_1.shape
    getitem = getattr_1[slice(-2, None, None)];  getattr_1 = None
    interpolate = torch.nn.functional.interpolate(lateral_2, size = getitem, scale_factor = None, mode = 'nearest', align_corners = None, recompute_scale_factor = None, antialias = False);  lateral_2 = getitem = None
    add = lateral_1 + interpolate;  lateral_1 = interpolate = None
    lateral_0 = getattr(self.lateral, "0")(stages_0_2);  stages_0_2 = None
    getattr_2 = lateral_0.shape
    getitem_1 = getattr_2[slice(-2, None, None)];  getattr_2 = None
    interpolate_1 = torch.nn.functional.interpolate(add, size = getitem_1, scale_factor = None, mode = 'nearest', align_corners = None, recompute_scale_factor = None, antialias = False);  getitem_1 = None
    add_1 = lateral_0 + interpolate_1;  lateral_0 = interpolate_1 = None
    smooth = self.smooth(add_1);  add_1 = None
    up = self.up(add);  add = None
    cat = torch.cat([smooth, up], dim = 1);  smooth = up = None
    head = self.head(cat);  cat = None
    return head
    
