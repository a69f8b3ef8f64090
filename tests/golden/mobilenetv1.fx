MobileNet(
  (model): Module(
    (0): Module(
      (0): Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), bias=False)
      (1): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (2): ReLU(inplace=True)
    )
    (1): Module(
      (0): Conv2d(8, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), groups=8, bias=False)
      (1): BatchNorm2d(8, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (2): ReLU(inplace=True)
      (3): Conv2d(8, 16, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (4): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (5): ReLU(inplace=True)
    )
    (2): Module(
      (0): Conv2d(16, 16, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), groups=16, bias=False)
      (1): BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (2): ReLU(inplace=True)
      (3): Conv2d(16, 32, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (4): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (5): ReLU(inplace=True)
    )
    (3): Module(
      (0): Conv2d(32, 32, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), groups=32, bias=False)
      (1): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (2): ReLU(inplace=True)
      (3): Conv2d(32, 32, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (4): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (5): ReLU(inplace=True)
    )
    (4): Module(
      (0): Conv2d(32, 32, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), groups=32, bias=False)
      (1): BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (2): ReLU(inplace=True)
      (3): Conv2d(32, 64, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (4): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (5): ReLU(inplace=True)
    )
    (5): Module(
      (0): Conv2d(64, 64, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), groups=64, bias=False)
      (1): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (2): ReLU(inplace=True)
      (3): Conv2d(64, 64, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (4): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (5): ReLU(inplace=True)
    )
    (6): Module(
      (0): Conv2d(64, 64, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), groups=64, bias=False)
      (1): BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (2): ReLU(inplace=True)
      (3): Conv2d(64, 128, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (4): BatchNorm2d(128, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (5): ReLU(inplace=True)
    )
    (7): Module(
      (0): Conv2d(128, 128, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), groups=128, bias=False)
      (1): BatchNorm2d(128, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (2): ReLU(inplace=True)
      (3): Conv2d(128, 128, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (4): BatchNorm2d(128, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (5): ReLU(inplace=True)
    )
    (8): Module(
      (0): Conv2d(128, 128, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), groups=128, bias=False)
      (1): BatchNorm2d(128, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (2): ReLU(inplace=True)
      (3): Conv2d(128, 128, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (4): BatchNorm2d(128, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (5): ReLU(inplace=True)
    )
    (9): Module(
      (0): Conv2d(128, 128, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), groups=128, bias=False)
      (1): BatchNorm2d(128, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (2): ReLU(inplace=True)
      (3): Conv2d(128, 256, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (4): BatchNorm2d(256, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (5): ReLU(inplace=True)
    )
    (10): Module(
      (0): Conv2d(256, 256, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), groups=256, bias=False)
      (1): BatchNorm2d(256, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (2): ReLU(inplace=True)
      (3): Conv2d(256, 256, kernel_size=(1, 1), stride=(1, 1), bias=False)
      (4): BatchNorm2d(256, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)
      (5): ReLU(inplace=True)
    )
    (11): AvgPool2d(kernel_size=2, stride=2, padding=0)
  )
  (fc): Linear(in_features=256, out_features=10, bias=True)
)



def forward(self, x):
    model_0_0 = getattr(getattr(self.model, "0"), "0")(x);  x = None
    model_0_1 = getattr(getattr(self.model, "0"), "1")(model_0_0);  model_0_0 = None
    model_0_2 = getattr(getattr(self.model, "0"), "2")(model_0_1);  model_0_1 = None
    model_1_0 = getattr(getattr(self.model, "1"), "0")(model_0_2);  model_0_2 = None
    model_1_1 = getattr(getattr(self.model, "1"), "1")(model_1_0);  model_1_0 = None
    model_1_2 = getattr(getattr(self.model, "1"), "2")(model_1_1);  model_1_1 = None
    model_1_3 = getattr(getattr(self.model, "1"), "3")(model_1_2);  model_1_2 = None
    model_1_4 = getattr(getattr(self.model, "1"), "4")(model_1_3);  model_1_3 = None
    model_1_5 = getattr(getattr(self.model, "1"), "5")(model_1_4);  model_1_4 = None
    model_2_0 = getattr(getattr(self.model, "2"), "0")(model_1_5);  model_1_5 = None
    model_2_1 = getattr(getattr(self.model, "2"), "1")(model_2_0);  model_2_0 = None
    model_2_2 = getattr(getattr(self.model, "2"), "2")(model_2_1);  model_2_1 = None
    model_2_3 = getattr(getattr(self.model, "2"), "3")(model_2_2);  model_2_2 = None
    model_2_4 = getattr(getattr(self.model, "2"), "4")(model_2_3);  model_2_3 = None
    model_2_5 = getattr(getattr(self.model, "2"), "5")(model_2_4);  model_2_4 = None
    model_3_0 = getattr(getattr(self.model, "3"), "0")(model_2_5);  model_2_5 = None
    model_3_1 = getattr(getattr(self.model, "3"), "1")(model_3_0);  model_3_0 = None
    model_3_2 = getattr(getattr(self.model, "3"), "2")(model_3_1);  model_3_1 = None
    model_3_3 = getattr(getattr(self.model, "3"), "3")(model_3_2);  model_3_2 = None
    model_3_4 = getattr(getattr(self.model, "3"), "4")(model_3_3);  model_3_3 = None
    model_3_5 = getattr(getattr(self.model, "3"), "5")(model_3_4);  model_3_4 = None
    model_4_0 = getattr(getattr(self.model, "4"), "0")(model_3_5);  model_3_5 = None
    model_4_1 = getattr(getattr(self.model, "4"), "1")(model_4_0);  model_4_0 = None
    model_4_2 = getattr(getattr(self.model, "4"), "2")(model_4_1);  model_4_1 = None
    model_4_3 = getattr(getattr(self.model, "4"), "3")(model_4_2);  model_4_2 = None
    model_4_4 = getattr(getattr(self.model, "4"), "4")(model_4_3);  model_4_3 = None
    model_4_5 = getattr(getattr(self.model, "4"), "5")(model_4_4);  model_4_4 = None
    model_5_0 = getattr(getattr(self.model, "5"), "0")(model_4_5);  model_4_5 = None
    model_5_1 = getattr(getattr(self.model, "5"), "1")(model_5_0);  model_5_0 = None
    model_5_2 = getattr(getattr(self.model, "5"), "2")(model_5_1);  model_5_1 = None
    model_5_3 = getattr(getattr(self.model, "5"), "3")(model_5_2);  model_5_2 = None
    model_5_4 = getattr(getattr(self.model, "5"), "4")(model_5_3);  model_5_3 = None
    model_5_5 = getattr(getattr(self.model, "5"), "5")(model_5_4);  model_5_4 = None
    model_6_0 = getattr(getattr(self.model, "6"), "0")(model_5_5);  model_5_5 = None
    model_6_1 = getattr(getattr(self.model, "6"), "1")(model_6_0);  model_6_0 = None
    model_6_2 = getattr(getattr(self.model, "6"), "2")(model_6_1);  model_6_1 = None
    model_6_3 = getattr(getattr(self.model, "6"), "3")(model_6_2);  model_6_2 = None
    model_6_4 = getattr(getattr(self.model, "6"), "4")(model_6_3);  model_6_3 = None
    model_6_5 = getattr(getattr(self.model, "6"), "5")(model_6_4);  model_6_4 = None
    model_7_0 = getattr(getattr(self.model, "7"), "0")(model_6_5);  model_6_5 = None
    model_7_1 = getattr(getattr(self.model, "7"), "1")(model_7_0);  model_7_0 = None
    model_7_2 = getattr(getattr(self.model, "7"), "2")(model_7_1);  model_7_1 = None
    model_7_3 = getattr(getattr(self.model, "7"), "3")(model_7_2);  model_7_2 = None
    model_7_4 = getattr(getattr(self.model, "7"), "4")(model_7_3);  model_7_3 = None
    model_7_5 = getattr(getattr(self.model, "7"), "5")(model_7_4);  model_7_4 = None
    model_8_0 = getattr(getattr(self.model, "8"), "0")(model_7_5);  model_7_5 = None
    model_8_1 = getattr(getattr(self.model, "8"), "1")(model_8_0);  model_8_0 = None
    model_8_2 = getattr(getattr(self.model, "8"), "2")(model_8_1);  model_8_1 = None
    model_8_3 = getattr(getattr(self.model, "8"), "3")(model_8_2);  model_8_2 = None
    model_8_4 = getattr(getattr(self.model, "8"), "4")(model_8_3);  model_8_3 = None
    model_8_5 = getattr(getattr(self.model, "8"), "5")(model_8_4);  model_8_4 = None
    model_9_0 = getattr(getattr(self.model, "9"), "0")(model_8_5);  model_8_5 = None
    model_9_1 = getattr(getattr(self.model, "9"), "1")(model_9_0);  model_9_0 = None
    model_9_2 = getattr(getattr(self.model, "9"), "2")(model_9_1);  model_9_1 = None
    model_9_3 = getattr(getattr(self.model, "9"), "3")(model_9_2);  model_9_2 = None
    model_9_4 = getattr(getattr(self.model, "9"), "4")(model_9_3);  model_9_3 = None
    model_9_5 = getattr(getattr(self.model, "9"), "5")(model_9_4);  model_9_4 = None
    model_10_0 = getattr(getattr(self.model, "10"), "0")(model_9_5);  model_9_5 = None
    model_10_1 = getattr(getattr(self.model, "10"), "1")(model_10_0);  model_10_0 = None
    model_10_2 = getattr(getattr(self.model, "10"), "2")(model_10_1);  model_10_1 = None
    model_10_3 = getattr(getattr(self.model, "10"), "3")(model_10_2);  model_10_2 = None
    model_10_4 = getattr(getattr(self.model, "10"), "4")(model_10_3);  model_10_3 = None
    model_10_5 = getattr(getattr(self.model, "10"), "5")(model_10_4);  model_10_4 = None
    model_11 = getattr(self.model, "11")(model_10_5);  model_10_5 = None
    view = model_11.view(-1, 256);  model_11 = None
    fc = self.fc(view);  view = None
    return fc
    
